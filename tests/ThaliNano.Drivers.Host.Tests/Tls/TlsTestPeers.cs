using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ThaliNano.Drivers.Host.Tls;

namespace ThaliNano.Drivers.Host.Tests.Tls;

/// <summary>A hub identity, a listener on a free loopback port and a tiny HTTP responder, for the TLS tests.</summary>
internal sealed class TlsTestHub : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("thali-tls-").FullName;
    private readonly Thread _thread;
    private readonly List<Exception> _handshakeFailures = new();
    private readonly List<string?> _principals = new();

    public TlsTestHub()
    {
        Identity = HubIdentity.LoadOrCreate(_data);
        Listener = new HostTlsListener(Identity.Certificate);
        _thread = new Thread(Serve) { IsBackground = true, Name = "tls test hub" };
        _thread.Start();
    }

    public HubIdentity Identity { get; }

    public HostTlsListener Listener { get; }

    public string DataFolder => _data;

    public IReadOnlyList<string?> Principals
    {
        get { lock (_principals) { return _principals.ToArray(); } }
    }

    public IReadOnlyList<Exception> HandshakeFailures
    {
        get { lock (_handshakeFailures) { return _handshakeFailures.ToArray(); } }
    }

    /// <summary>Waits until the hub has seen this many handshakes, successful or not.</summary>
    public void WaitForHandshakes(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Principals.Count + HandshakeFailures.Count < count && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(10);
        }
    }

    public void Dispose()
    {
        Listener.Close();
        _thread.Join(TimeSpan.FromSeconds(5));
        Identity.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    private void Serve()
    {
        while (Listener.Accept() is HostTlsConnection connection)
        {
            new Thread(() => Handle(connection)) { IsBackground = true }.Start();
        }
    }

    // Answers each request head with "principal <id> <method> <target>".
    private void Handle(HostTlsConnection connection)
    {
        try
        {
            try
            {
                connection.Open();
            }
            catch (Exception e)
            {
                lock (_handshakeFailures) { _handshakeFailures.Add(e); }
                return;
            }

            lock (_principals) { _principals.Add(connection.Principal); }
            var head = new StringBuilder();
            var one = new byte[1];
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && connection.Stream.Read(one, 0, 1) == 1)
            {
                head.Append((char)one[0]);
            }

            string[] requestLine = head.ToString().Split("\r\n")[0].Split(' ');
            if (requestLine.Length < 2)
            {
                return; // the client left without a request (curl checks its pin after the handshake)
            }

            byte[] body = Encoding.ASCII.GetBytes("principal " + connection.Principal + " " + requestLine[0] + " " + requestLine[1] + "\n");
            byte[] response = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.Length + "\r\nConnection: close\r\n\r\n");
            connection.Stream.Write(response);
            connection.Stream.Write(body);
            connection.Stream.Flush();
        }
        catch (Exception e) when (e is IOException || e is ObjectDisposedException)
        {
        }
        finally
        {
            connection.Close();
        }
    }
}

internal static class TlsTestClients
{
    public static X509Certificate2 Rsa(string subject = "CN=client") => HubIdentity.CreateSelfSigned(RSA.Create(2048), subject);

    public static X509Certificate2 Ec(string subject = "CN=ec client") => HubIdentity.CreateSelfSigned(ECDsa.Create(ECCurve.NamedCurves.nistP256), subject);

    public static string KeyIdOf(X509Certificate2 certificate) =>
        System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo()));

    public static string PrivateKeyPem(X509Certificate2 certificate) =>
        ((AsymmetricAlgorithm?)certificate.GetRSAPrivateKey() ?? certificate.GetECDsaPrivateKey()!).ExportPkcs8PrivateKeyPem();

    /// <summary>Runs curl (tools/test.sh needs it installed) with a 20 s limit; returns its exit code, output and errors.</summary>
    public static (int ExitCode, string Output) Curl(params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--max-time");
        start.ArgumentList.Add("20");
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("curl did not start");
        Task<string> errors = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + errors.Result);
    }
}
