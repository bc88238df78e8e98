using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ThaliNano.Drivers.Host.Tls;
using ThaliNano.Http;
using ThaliNano.Identity;

namespace ThaliNano.Drivers.Host.Tests.Tls;

/// <summary>ThaliNano.Http's server on the host TLS transport, establishing principals as the Couch layer will.</summary>
public sealed class HttpOverTlsTests : IDisposable
{
    private const string Epoch = "hostTestEpoch";

    private readonly string _folder = Directory.CreateTempSubdirectory("thali-http-tls-").FullName;
    private readonly HubIdentity _identity;
    private readonly HostTlsListener _listener;
    private readonly HttpServer _server;
    private readonly X509Certificate2 _alice = TlsTestClients.Ec("CN=alice");
    private readonly byte[] _aliceSecret = RandomNumberGenerator.GetBytes(32);
    private readonly X509Certificate2 _bob = TlsTestClients.Ec("CN=bob");
    private readonly byte[] _bobSecret = RandomNumberGenerator.GetBytes(32);

    public HttpOverTlsTests()
    {
        _identity = HubIdentity.LoadOrCreate(_folder);
        _listener = new HostTlsListener(_identity.Certificate);
        var keyring = new Keyring(
            new ProofKey(PublicKeyId.FromCertificate(_alice.RawData), _aliceSecret),
            new ProofKey(PublicKeyId.FromCertificate(_bob.RawData), _bobSecret));
        _server = new HttpServer(_listener, new WhoAmI(new ProofVerifier(keyring, _identity.KeyId, Epoch)), HttpServerOptions.ForHost());
        _server.Start();
    }

    public void Dispose()
    {
        _server.Stop();
        _identity.Dispose();
        _alice.Dispose();
        _bob.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void TheTlsKeyAloneIsThePrincipal()
    {
        (int exit, string output) = Curl(_alice, null);
        Assert.True(exit == 0, output);
        Assert.Contains("HTTP/1.1 200", output);
        Assert.EndsWith("principal " + TlsTestClients.KeyIdOf(_alice) + " by transport", output);
    }

    [Fact]
    public void AProofNamingTheTlsKeyIsVerifiedAndCannotBeReplayed()
    {
        string proof = ThaliKeyProof.CreateHeader(PublicKeyId.FromCertificate(_alice.RawData), _aliceSecret, _identity.KeyId, Epoch, 1, "GET",
            "/db/_changes?since=0", ThaliKeyProof.EmptyBodyDigest);

        (int exit, string output) = Curl(_alice, proof);
        Assert.True(exit == 0, output);
        Assert.EndsWith("principal " + TlsTestClients.KeyIdOf(_alice) + " by proof", output);

        (_, string replay) = Curl(_alice, proof);
        Assert.Contains("HTTP/1.1 401", replay);
        Assert.Contains("WWW-Authenticate: ThaliKey epoch=\"" + Epoch + "\"", replay);
        Assert.Contains("counter 1 was already used", replay);
    }

    [Fact]
    public void AProofNamingAnotherKeyThanTheTlsOneIsRefused()
    {
        // Alice connects with her certificate but presents Bob's proof (say she stole his secret).
        string proof = ThaliKeyProof.CreateHeader(PublicKeyId.FromCertificate(_bob.RawData), _bobSecret, _identity.KeyId, Epoch, 1, "GET",
            "/db/_changes?since=0", ThaliKeyProof.EmptyBodyDigest);

        (_, string output) = Curl(_alice, proof);
        Assert.Contains("HTTP/1.1 401", output);
        Assert.Contains("names another key than the client certificate", output);
        Assert.DoesNotContain(TlsTestClients.KeyIdOf(_alice), output);
    }

    private sealed class Keyring(params ProofKey[] keys) : IProofKeyring
    {
        public ProofKey Find(PublicKeyId id) => keys.FirstOrDefault(key => key.Id == id)!;
    }

    private sealed class WhoAmI(ProofVerifier verifier) : IHttpHandler
    {
        public void Handle(HttpRequest request, HttpResponse response)
        {
            PublicKeyId? transport = request.TransportPrincipal == null ? null : PublicKeyId.Parse(request.TransportPrincipal);
            ProofResult result = verifier.Verify(request.Method, request.Target, request.Headers.Get("Authorization"), transport!);
            if (!result.Succeeded)
            {
                response.Headers.Set("WWW-Authenticate", verifier.Challenge);
                response.SendError(401, "unauthorized", result.Reason);
                return;
            }

            response.Send(Encoding.ASCII.GetBytes("principal " + result.Principal + (result.ByTransport ? " by transport" : " by proof")));
        }
    }

    private (int ExitCode, string Output) Curl(X509Certificate2 client, string? authorization)
    {
        string certificatePath = Path.Combine(_folder, Guid.NewGuid() + ".cert.pem");
        string keyPath = Path.Combine(_folder, Guid.NewGuid() + ".key.pem");
        File.WriteAllText(certificatePath, client.ExportCertificatePem());
        File.WriteAllText(keyPath, TlsTestClients.PrivateKeyPem(client));
        var arguments = new List<string>
        {
            "-sS", "-i", "-k",
            "--pinnedpubkey", "sha256//" + Convert.ToBase64String(_identity.KeyId.ToByteArray()),
            "--cert", certificatePath, "--key", keyPath,
        };
        if (authorization != null)
        {
            arguments.Add("-H");
            arguments.Add("Authorization: " + authorization);
        }

        arguments.Add("https://127.0.0.1:" + _listener.Port + "/db/_changes?since=0");
        return TlsTestClients.Curl([.. arguments]);
    }
}
