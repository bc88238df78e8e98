using System.Text;
using ThaliNano.Http.Connections;
using ThaliNano.Http.Output;
using ThaliNano.Http.Tests.Fakes;

namespace ThaliNano.Http.Tests;

/// <summary>A connection's output holds its buffer only while a response is being written.</summary>
public class ConnectionOutputTests
{
    private readonly PipeConnection _connection = new();

    [Fact]
    public void The_buffer_is_made_by_the_first_write_and_given_back_once_everything_was_sent()
    {
        ConnectionOutput output = Create();
        Assert.False(output.HoldsBuffer);

        output.WriteLatin1("first");
        Assert.True(output.HoldsBuffer);
        output.ReleaseBuffer();
        Assert.True(output.HoldsBuffer);
        output.Flush();
        output.ReleaseBuffer();
        Assert.False(output.HoldsBuffer);

        output.WriteLatin1(" second");
        output.Flush();
        Assert.Equal("first second", Read(12));
    }

    [Fact]
    public void A_chunked_body_keeps_its_buffer_until_it_ends()
    {
        ConnectionOutput output = Create();
        output.BeginChunked();
        output.WriteLatin1("abc");
        output.Flush();
        output.ReleaseBuffer();
        Assert.True(output.HoldsBuffer);

        output.EndChunked();
        output.Flush();
        output.ReleaseBuffer();
        Assert.False(output.HoldsBuffer);
        Assert.Equal("3\r\nabc\r\n0\r\n\r\n", Read(13));
    }

    private ConnectionOutput Create() =>
        new(_connection.Stream, new ConnectionWatch(_connection), new MonotonicClock(), 1000, 64);

    private string Read(int count)
    {
        var bytes = new byte[count];
        int at = 0;
        while (at < count)
        {
            int n = _connection.Client.Read(bytes, at, count - at, 5000);
            Assert.True(n > 0, "the output sent fewer bytes than written");
            at += n;
        }

        return Encoding.ASCII.GetString(bytes);
    }
}
