using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ThaliNano.Boards.Host;
using ThaliNano.Drivers.Host.Tls;
using ThaliNano.Http;
using ThaliNano.Identity;

namespace ThaliNano.Benchmarks.Connections;

/// <summary>
/// Connection slots under attack, against the host board hub (<see cref="HostHub"/>, mutual TLS on 127.0.0.1): paired
/// clients make requests without pause while an attacker (a) fills the free slots and fires bursts of over-capacity
/// connection attempts (full TLS handshakes, then bare TCP connects), and (b) opens idle TCP sockets that never send a
/// byte. Prints tables, not BenchmarkDotNet.
/// Usage: connections [--clients 16] [--attempts 256] [--idle 200] [--seconds 5] [--reconnect 20]
/// </summary>
internal static class ConnectionsBenchmark
{
    private static readonly byte[] s_get = Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: hub\r\n\r\n");

    public static int Run(string[] args)
    {
        int clients = Option(args, "--clients", 16), attempts = Option(args, "--attempts", 256), idle = Option(args, "--idle", 200);
        int seconds = Option(args, "--seconds", 5), reconnect = Option(args, "--reconnect", 20);
        ThreadPool.SetMinThreads(Math.Max(64, clients * 2), 64);
        string folder = Directory.CreateTempSubdirectory("thali-connections-bench-").FullName;
        var certificates = new List<X509Certificate2>();
        try
        {
            using HostHub hub = HostHub.Open(Path.Combine(folder, "hub-data"));
            for (int i = 0; i <= clients; i++)
            {
                X509Certificate2 certificate = HubIdentity.CreateSelfSigned(ECDsa.Create(ECCurve.NamedCurves.nistP256), "CN=client " + i);
                hub.Pair(certificate.ExportCertificatePem(), owner: i == 0);
                certificates.Add(certificate);
            }

            // The last paired key is the attacker's: a paired key gets as far as a 503, the most work a reject can cost.
            X509Certificate2 attacker = certificates[clients];
            hub.Serve(0);
            HttpServer server = hub.Hub.Server;
            HttpServerOptions o = server.Options;
            var target = new Target(hub.Port, hub.Identity.KeyId);
            Console.WriteLine($"host hub on 127.0.0.1:{hub.Port}: MaxConnections {o.MaxConnections}, MaxPendingConnections {o.MaxPendingConnections}, "
                + $"PendingTimeout {o.PendingTimeoutMilliseconds} ms, RejectQueueLength {o.RejectQueueLength}, RejectTimeout {o.RejectTimeoutMilliseconds} ms");
            Console.WriteLine($"{clients} paired clients doing GET / without pause, {seconds} s per phase, {Environment.ProcessorCount} cores");

            var paired = certificates.Take(clients).ToList();
            ClientRun calm = RunClients(target, paired, seconds, 0, null);
            List<TlsStream> fillers = Fill(target, attacker, o.MaxConnections - clients);
            int rejectedBefore = server.RejectedConnections;
            Bursts tls = new(), tcp = new();
            ClientRun underTls = RunClients(target, paired, seconds, 0, stop => tls.Run(target, attacker, attempts, stop));
            ClientRun underTcp = RunClients(target, paired, seconds, 0, stop => tcp.Run(target, null, attempts, stop));
            int rejected = server.RejectedConnections - rejectedBefore;
            fillers.ForEach(f => f.Dispose());
            WaitFor(() => server.ActiveConnections == 0);

            ClientRun calmReconnecting = RunClients(target, paired, seconds, reconnect, null);
            int evictedBefore = server.EvictedConnections;
            int closedIdle = 0, pendingAtEnd = 0;
            ClientRun underIdle = RunClients(target, paired, seconds, reconnect, stop =>
            {
                List<TcpClient> sockets = OpenIdle(target, idle);
                stop.WaitHandle.WaitOne();
                pendingAtEnd = server.PendingConnections;
                closedIdle = sockets.Count(IsClosedByServer);
                sockets.ForEach(s => s.Dispose());
            });
            int evicted = server.EvictedConnections - evictedBefore;

            Console.WriteLine();
            Console.WriteLine("| phase | client requests/s | median ms | p95 ms | max ms | failed | throughput vs calm |");
            Console.WriteLine("|---|--:|--:|--:|--:|--:|--:|");
            Console.WriteLine(calm.Row("calm, kept-alive connections", calm));
            Console.WriteLine(underTls.Row($"(a) {tls.Count} bursts of {attempts} over-capacity TLS attempts", calm));
            Console.WriteLine(underTcp.Row($"(a) {tcp.Count} bursts of {attempts} over-capacity attempts sending nothing", calm));
            Console.WriteLine(calmReconnecting.Row($"calm, reconnecting every {reconnect} requests", calmReconnecting));
            Console.WriteLine(underIdle.Row($"(b) {idle} idle TCP sockets, reconnecting every {reconnect}", calmReconnecting));
            Console.WriteLine();
            Console.WriteLine($"over-capacity attempts (the server counted {rejected} rejects; {o.MaxConnections - clients} idle paired connections held the free slots):");
            Console.WriteLine();
            Console.WriteLine("| attempts | 503 | closed | no answer in 10 s | median ms | p95 ms | max ms | within 100 ms |");
            Console.WriteLine("|---|--:|--:|--:|--:|--:|--:|--:|");
            Console.WriteLine(tls.Row($"TLS handshake + GET, {tls.Count} x {attempts}"));
            Console.WriteLine(tcp.Row($"TCP connect only, {tcp.Count} x {attempts}"));
            Console.WriteLine();
            Console.WriteLine($"(b) {idle} idle sockets: {evicted} evicted by newer connections, {closedIdle} closed by the server by the end of the phase, "
                + $"{pendingAtEnd} pending at the end");
            return 0;
        }
        finally
        {
            certificates.ForEach(c => c.Dispose());
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Clients on their own threads, each with one connection it reuses (a new one after a failure, or every
    /// <paramref name="reconnectEvery"/> requests when not 0); <paramref name="attack"/> runs beside them during the
    /// measured window and must return once its token is cancelled.
    /// </summary>
    private static ClientRun RunClients(Target target, List<X509Certificate2> certificates, int seconds, int reconnectEvery,
        Action<CancellationToken>? attack)
    {
        using var stop = new CancellationTokenSource();
        var run = new ClientRun();
        var measuring = new ManualResetEventSlim();
        var threads = certificates.Select(certificate => new Thread(() => Client(target, certificate, reconnectEvery, run, measuring, stop.Token))).ToList();
        threads.ForEach(t => t.Start());
        Thread.Sleep(500);
        measuring.Set();
        var clock = Stopwatch.StartNew();
        using var attackStop = new CancellationTokenSource();
        Thread? attacker = attack == null ? null : new Thread(() => attack(attackStop.Token));
        attacker?.Start();
        Thread.Sleep(seconds * 1000);
        attackStop.Cancel();
        attacker?.Join();
        run.Seconds = clock.Elapsed.TotalSeconds;
        stop.Cancel();
        threads.ForEach(t => t.Join());
        return run;
    }

    private static void Client(Target target, X509Certificate2 certificate, int reconnectEvery, ClientRun run, ManualResetEventSlim measuring,
        CancellationToken stop)
    {
        TlsStream? connection = null;
        int onConnection = 0;
        var reader = new ResponseReader();
        while (!stop.IsCancellationRequested)
        {
            long start = Stopwatch.GetTimestamp();
            bool ok;
            try
            {
                connection ??= target.Connect(certificate);
                bool close = reconnectEvery > 0 && ++onConnection % reconnectEvery == 0;
                connection.Ssl.Write(close ? Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: hub\r\nConnection: close\r\n\r\n") : s_get);
                ok = reader.Read(connection.Ssl) == 200;
                if (close || !ok)
                {
                    connection.Dispose();
                    connection = null;
                }
            }
            catch (Exception e) when (e is IOException || e is AuthenticationException || e is SocketException || e is TimeoutException)
            {
                ok = false;
                connection?.Dispose();
                connection = null;
            }

            if (measuring.IsSet && !stop.IsCancellationRequested)
            {
                run.Record(Stopwatch.GetElapsedTime(start).TotalMilliseconds, ok);
            }
        }

        connection?.Dispose();
    }

    /// <summary>Paired connections that made one request and stay open (kept alive, idle): they hold every free slot.</summary>
    private static List<TlsStream> Fill(Target target, X509Certificate2 certificate, int count)
    {
        var reader = new ResponseReader();
        var fillers = new List<TlsStream>();
        for (int i = 0; i < count; i++)
        {
            TlsStream filler = target.Connect(certificate);
            filler.Ssl.Write(s_get);
            if (reader.Read(filler.Ssl) != 200)
            {
                throw new InvalidOperationException("a filler connection was not served");
            }

            fillers.Add(filler);
        }

        return fillers;
    }

    /// <summary>
    /// All attempts at once; each timed from its TCP connect to its 503 head or its close. Without a certificate the
    /// attempts send nothing (the server's reaction alone, without the clients' TLS work in this process).
    /// </summary>
    private static Attempt[] Burst(Target target, X509Certificate2? certificate, int count)
    {
        Task<Attempt>[] tasks = Enumerable.Range(0, count).Select(_ => Try(target, certificate)).ToArray();
        return Task.WhenAll(tasks).GetAwaiter().GetResult();
    }

    private static async Task<Attempt> Try(Target target, X509Certificate2? certificate)
    {
        long start = Stopwatch.GetTimestamp();
        using var timeout = new CancellationTokenSource(10_000);
        using var tcp = new TcpClient { NoDelay = true };
        try
        {
            await tcp.ConnectAsync(IPAddress.Loopback, target.Port, timeout.Token);
            if (certificate == null)
            {
                // Nothing sent: what the server does with a connection before any TLS byte arrives.
                int read = await tcp.GetStream().ReadAsync(new byte[16], timeout.Token);
                return new Attempt(Stopwatch.GetElapsedTime(start).TotalMilliseconds, read == 0 ? "closed" : "bytes");
            }

            await using var ssl = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
            await ssl.AuthenticateAsClientAsync(target.ClientOptions(certificate), timeout.Token);
            await ssl.WriteAsync(s_get, timeout.Token);
            var head = new StringBuilder();
            var buffer = new byte[1024];
            while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                int n = await ssl.ReadAsync(buffer, timeout.Token);
                if (n == 0)
                {
                    break;
                }

                head.Append(Encoding.ASCII.GetString(buffer, 0, n));
            }

            double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            string text = head.ToString();
            return new Attempt(ms, text.Length == 0 ? "closed" : text.StartsWith("HTTP/1.1 503", StringComparison.Ordinal) ? "503" : text.Split("\r\n")[0]);
        }
        catch (OperationCanceledException)
        {
            return new Attempt(Stopwatch.GetElapsedTime(start).TotalMilliseconds, "no answer");
        }
        catch (Exception e) when (e is IOException || e is AuthenticationException || e is SocketException)
        {
            return new Attempt(Stopwatch.GetElapsedTime(start).TotalMilliseconds, "closed");
        }
    }

    private static List<TcpClient> OpenIdle(Target target, int count)
    {
        var sockets = new List<TcpClient>();
        for (int i = 0; i < count; i++)
        {
            var socket = new TcpClient();
            socket.Connect(IPAddress.Loopback, target.Port);
            sockets.Add(socket);
        }

        return sockets;
    }

    private static bool IsClosedByServer(TcpClient socket)
    {
        try
        {
            return socket.Client.Poll(0, SelectMode.SelectRead) && socket.Client.Receive(new byte[1]) == 0;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    private static void WaitFor(Func<bool> condition)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Length - 1, p * sorted.Length)];

    private static int Option(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private sealed record Attempt(double Milliseconds, string Outcome);

    /// <summary>Bursts of simultaneous attempts, one after the other until stopped.</summary>
    private sealed class Bursts
    {
        private readonly List<Attempt> _attempts = new();

        public int Count { get; private set; }

        public void Run(Target target, X509Certificate2? certificate, int size, CancellationToken stop)
        {
            while (!stop.IsCancellationRequested)
            {
                _attempts.AddRange(Burst(target, certificate, size));
                Count++;
            }
        }

        public string Row(string name)
        {
            double[] ms = _attempts.Select(a => a.Milliseconds).Order().ToArray();
            string[] others = _attempts.Select(a => a.Outcome).Where(s => s != "503" && s != "closed" && s != "no answer").Distinct().ToArray();
            return $"| {name}{(others.Length > 0 ? " (also: " + string.Join(", ", others) + ")" : "")} | {_attempts.Count(a => a.Outcome == "503")} | "
                + $"{_attempts.Count(a => a.Outcome == "closed")} | {_attempts.Count(a => a.Outcome == "no answer")} | {Percentile(ms, 0.5):F1} | "
                + $"{Percentile(ms, 0.95):F1} | {ms.LastOrDefault():F1} | {100.0 * ms.Count(m => m <= 100) / Math.Max(1, ms.Length):F1} % |";
        }
    }

    /// <summary>The hub's port and pinned key.</summary>
    private sealed record Target(int Port, PublicKeyId Pin)
    {
        private readonly Dictionary<X509Certificate2, SslClientAuthenticationOptions> _options = new();

        /// <summary>One options object per certificate, so that .NET can reuse its TLS context between connections.</summary>
        public SslClientAuthenticationOptions ClientOptions(X509Certificate2 certificate)
        {
            lock (_options)
            {
                if (!_options.TryGetValue(certificate, out SslClientAuthenticationOptions? options))
                {
                    options = NewClientOptions(certificate);
                    _options.Add(certificate, options);
                }

                return options;
            }
        }

        private SslClientAuthenticationOptions NewClientOptions(X509Certificate2 certificate) => new()
        {
            TargetHost = "thalinano",
            ClientCertificates = new X509CertificateCollection { certificate },
            LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate,
            EnabledSslProtocols = HostTlsConnection.Protocols,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, server, _, _) => server != null && PinValidator.Matches(server.GetRawCertData(), Pin),
        };

        public TlsStream Connect(X509Certificate2 certificate)
        {
            var tcp = new TcpClient { NoDelay = true, ReceiveTimeout = 10_000, SendTimeout = 10_000 };
            try
            {
                tcp.Connect(IPAddress.Loopback, Port);
                var ssl = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
                ssl.AuthenticateAsClient(ClientOptions(certificate));
                return new TlsStream(tcp, ssl);
            }
            catch
            {
                tcp.Dispose();
                throw;
            }
        }
    }

    private sealed record TlsStream(TcpClient Tcp, SslStream Ssl) : IDisposable
    {
        public void Dispose()
        {
            Ssl.Dispose();
            Tcp.Dispose();
        }
    }

    /// <summary>Reads one response (Content-Length framed, as the hub answers GET /) and returns its status.</summary>
    private sealed class ResponseReader
    {
        private readonly byte[] _buffer = new byte[16384];
        private int _count;

        public int Read(Stream stream)
        {
            int headEnd;
            while ((headEnd = IndexOfHeadEnd()) < 0)
            {
                Fill(stream);
            }

            string head = Encoding.ASCII.GetString(_buffer, 0, headEnd);
            int status = int.Parse(head.AsSpan(9, 3), CultureInfo.InvariantCulture);
            int length = 0;
            foreach (string line in head.Split("\r\n"))
            {
                if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                {
                    length = int.Parse(line.AsSpan(15).Trim(), CultureInfo.InvariantCulture);
                }
            }

            int total = headEnd + 4 + length;
            while (_count < total)
            {
                Fill(stream);
            }

            Array.Copy(_buffer, total, _buffer, 0, _count - total);
            _count -= total;
            return status;
        }

        private void Fill(Stream stream)
        {
            int n = stream.Read(_buffer, _count, _buffer.Length - _count);
            if (n == 0)
            {
                throw new IOException("the hub closed the connection");
            }

            _count += n;
        }

        private int IndexOfHeadEnd() => _buffer.AsSpan(0, _count).IndexOf("\r\n\r\n"u8);
    }

    /// <summary>What the clients saw during the measured window.</summary>
    private sealed class ClientRun
    {
        private readonly List<double> _latencies = new();
        private int _failed;

        public double Seconds { get; set; }

        public void Record(double milliseconds, bool ok)
        {
            lock (_latencies)
            {
                if (ok)
                {
                    _latencies.Add(milliseconds);
                }
                else
                {
                    _failed++;
                }
            }
        }

        public string Row(string name, ClientRun calm)
        {
            double[] sorted = _latencies.Order().ToArray();
            double perSecond = sorted.Length / Seconds;
            double calmPerSecond = calm._latencies.Count / calm.Seconds;
            return $"| {name} | {perSecond:F0} | {Percentile(sorted, 0.5):F2} | {Percentile(sorted, 0.95):F2} | {sorted.LastOrDefault():F1} | "
                + $"{_failed} of {sorted.Length + _failed} | {perSecond / calmPerSecond:F2}x |";
        }
    }
}
