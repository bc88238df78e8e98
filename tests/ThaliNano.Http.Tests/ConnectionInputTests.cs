using System.Text;
using ThaliNano.Http.Connections;
using ThaliNano.Http.Parsing;
using ThaliNano.Http.Tests.Fakes;

namespace ThaliNano.Http.Tests;

/// <summary>A connection's input holds its buffer only while a request is read, and loses no byte for it.</summary>
public class ConnectionInputTests
{
    private readonly PipeConnection _connection = new();

    [Fact]
    public void The_next_requests_first_byte_waits_without_a_buffer_and_is_read_first()
    {
        ConnectionInput input = Create();
        _connection.Client.Send("GET / HTTP/1.1\r\n");
        Assert.True(input.WaitForRequest());
        Assert.False(input.HoldsBuffer);
        Assert.Equal(1, input.Available);

        Assert.Equal("GET / HTTP/1.1", ReadLine(input));
        Assert.True(input.HoldsBuffer);
    }

    [Fact]
    public void The_buffer_is_given_back_only_when_nothing_is_left_in_it()
    {
        ConnectionInput input = Create();
        _connection.Client.Send("first\r\nsecond\r\n");
        Assert.True(input.WaitForRequest());
        Assert.Equal("first", ReadLine(input));
        input.ReleaseBuffer();
        Assert.True(input.HoldsBuffer);

        Assert.True(input.WaitForRequest());
        Assert.Equal("second", ReadLine(input));
        input.ReleaseBuffer();
        Assert.False(input.HoldsBuffer);

        _connection.Client.Send("third\r\n");
        Assert.True(input.WaitForRequest());
        Assert.Equal("third", ReadLine(input));
    }

    [Fact]
    public void The_end_of_the_stream_before_a_request_is_no_request()
    {
        ConnectionInput input = Create();
        _connection.Client.FinishSending();
        Assert.False(input.WaitForRequest());
        Assert.False(input.WaitForRequest());
        Assert.False(input.HoldsBuffer);
    }

    private ConnectionInput Create() => new(_connection.Stream, new ConnectionWatch(_connection), new MonotonicClock(), 64);

    private static string ReadLine(ConnectionInput input)
    {
        var line = new LineBuffer();
        Assert.True(input.ReadLine(line, 100, 431, "line"));
        return Encoding.ASCII.GetString(line.Bytes, 0, line.Length);
    }
}
