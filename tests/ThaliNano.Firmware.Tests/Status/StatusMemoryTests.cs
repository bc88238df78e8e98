using System.Text;
using ThaliNano.Firmware.Boards;
using ThaliNano.Firmware.Status;
using ThaliNano.Http;
using Xunit.Abstractions;

namespace ThaliNano.Firmware.Tests.Status;

/// <summary>
/// What one status page request allocates on the host (GC.GetAllocatedBytesForCurrentThread on the worker thread, around
/// the page's handler, the response written to a connection that keeps nothing), and that the page streams: the bytes
/// allocated stay well under the bytes sent, and do not grow with the page but with the facts (per database, per group).
/// The connections have the small boards' 512-byte buffers: a request makes its output buffer, so it counts.
/// </summary>
public sealed class StatusMemoryTests(ITestOutputHelper output) : IDisposable
{
    private readonly Measured _measured = new();
    private AuthHub? _hub;

    public void Dispose() => _hub?.Dispose();

    [Fact]
    public void A_page_view_streams_and_allocates_a_few_kilobytes_most_of_them_in_the_stores_listing()
    {
        AuthHub hub = Hub();
        Populate(hub, databases: 3);

        (long html, long htmlSent) = Measure(hub, "/measured", "");
        (long json, long jsonSent) = Measure(hub, "/measured?format=json", "");
        (long reader, long readerSent) = Measure(hub, "/measured", "", hub.Bob);

        output.WriteLine($"owner HTML: {html} B allocated, {htmlSent} B sent; owner JSON: {json} B allocated, {jsonSent} B sent; "
            + $"reader HTML: {reader} B allocated, {readerSent} B sent");
        // The reader's view lists no databases: what it allocates is the page's own cost, far below the page it sends.
        Assert.True(reader < readerSent / 3, $"a reader's view allocated {reader} bytes for a page of {readerSent}: not streamed");
        Assert.True(reader < 4 * 1024, $"a reader's view allocated {reader} bytes");
        // The admin's view also lists the 5 databases (3 + _thali + thali-directory), principals and groups.
        Assert.True(html < 40 * 1024, $"HTML page view allocated {html} bytes");
        Assert.True(json < 40 * 1024, $"JSON page view allocated {json} bytes");
    }

    [Fact]
    public void Allocation_grows_with_the_databases_listed()
    {
        AuthHub hub = Hub();
        Populate(hub, databases: 2);
        (long few, long fewSent) = Measure(hub, "/measured", "");
        Populate(hub, databases: 22, first: 2);
        (long many, long manySent) = Measure(hub, "/measured", "");

        long perDatabase = (many - few) / 20;
        output.WriteLine($"2 databases: {few} B allocated, {fewSent} B sent; 22: {many} B, {manySent} B; {perDatabase} B per database");
        // DocumentStore.ListDatabases reads each database's meta file (about 3.5 KB through FileStream on the host); the row is
        // a few hundred bytes (opening by name, the info, the options).
        Assert.True(perDatabase < 5 * 1024, $"{perDatabase} bytes allocated per database row");
    }

    private AuthHub Hub()
    {
        StatusPage? page = null;
        _measured.Page = () => page!;
        _hub = new AuthHub(configure: c =>
        {
            c.Http.OutputBufferBytes = BoardProfile.Esp32().HttpBufferBytes;
            _measured.Configuration = c;
        }, mount: h => h.Mount("measured", _measured));
        // The same page the hub mounts at /_status, on the running hub's store and Couch handler.
        page = new StatusPage(_measured.Configuration!, _hub.HubUuid, _hub.Hub.Store, _hub.Hub.Couch,
            new RecentErrors(HubConfiguration.HostRecentErrors, _measured.Configuration!.Status.Clock, null));
        return _hub;
    }

    private static void Populate(AuthHub hub, int databases, int first = 0)
    {
        for (int i = first; i < databases; i++)
        {
            hub.SendSigned(hub.Alice, null, "PUT", "/db" + i).AssertStatus(201);
            hub.SendSigned(hub.Alice, null, "PUT", "/db" + i + "/doc", "{\"v\":1}").AssertStatus(201);
        }

        if (first == 0)
        {
            hub.SendSigned(hub.Alice, null, "PUT", "/_thali/group:crew",
                "{\"members\":[\"" + StatusClient.Id(hub.Alice) + "\",\"" + StatusClient.Id(hub.Bob) + "\"]}").AssertStatus(201);
        }
    }

    // The least of several views (the first ones pay for JIT and the QR code), and the bytes the view sent.
    private (long Allocated, long Sent) Measure(AuthHub hub, string target, string headers, AuthHub.Client? who = null)
    {
        long least = long.MaxValue;
        long sent = 0;
        for (int i = 0; i < 6; i++)
        {
            var connection = new DiscardingConnection("GET " + target + " HTTP/1.1\r\nHost: hub\r\nConnection: close\r\n" + headers + "\r\n",
                (who ?? hub.Alice).Key.ToBase64Url());
            hub.Serve(connection);
            Assert.True(connection.WaitClosed(TimeSpan.FromSeconds(30)), "no response");
            Assert.StartsWith("HTTP/1.1 200", connection.Head);
            least = Math.Min(least, _measured.LastAllocated);
            sent = connection.Sent;
        }

        return (least, sent);
    }

    private sealed class Measured : IHttpHandler
    {
        public Func<StatusPage>? Page { get; set; }

        public HubConfiguration? Configuration { get; set; }

        public long LastAllocated { get; private set; }

        public void Handle(HttpRequest request, HttpResponse response)
        {
            StatusPage page = Page!();
            long before = GC.GetAllocatedBytesForCurrentThread();
            page.Handle(request, response);
            LastAllocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }
    }

    /// <summary>A connection that reads a fixed request and counts, but does not keep, what is written (its first bytes aside).</summary>
    private sealed class DiscardingConnection(string request, string principal) : IConnection
    {
        private readonly CountingStream _stream = new(Encoding.ASCII.GetBytes(request));
        private readonly ManualResetEventSlim _closed = new();

        public Stream Stream => _stream;

        public string? Principal => principal;

        public string RemoteEndPoint => "test";

        public long Sent => _stream.Written;

        public string Head => Encoding.ASCII.GetString(_stream.First, 0, (int)Math.Min(_stream.Written, _stream.First.Length));

        public void Open()
        {
        }

        public void Close() => _closed.Set();

        public bool WaitClosed(TimeSpan timeout) => _closed.Wait(timeout);

        private sealed class CountingStream(byte[] request) : Stream
        {
            private int _read;

            public byte[] First { get; } = new byte[16];

            public long Written { get; private set; }

            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => true;

            public override long Length => throw new NotSupportedException();

            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override int Read(byte[] buffer, int offset, int count)
            {
                int n = Math.Min(count, request.Length - _read);
                Array.Copy(request, _read, buffer, offset, n);
                _read += n;
                return n;
            }

            public override void Write(byte[] buffer, int offset, int count)
            {
                for (int i = 0; i < count && Written + i < First.Length; i++)
                {
                    First[Written + i] = buffer[offset + i];
                }

                Written += count;
            }

            public override void Flush()
            {
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();
        }
    }
}
