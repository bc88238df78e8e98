using System.Text;
using ThaliNano.Ble;
using ThaliNano.Drivers.Host.Ble;

namespace ThaliNano.Drivers.Host.Tests.Ble;

public class MessageChannelTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public void ARequestAndItsReplyCrossTheChannel()
    {
        var session = Session.Open(new BleMediumOptions());

        byte[] reply = session.Client.Exchange(Encoding.UTF8.GetBytes("hello"));

        Assert.Equal("olleh", Encoding.UTF8.GetString(reply));
        Assert.Equal(1, session.Handler.Calls);
    }

    [Fact]
    public void A4KilobyteMessageTakesTheTimeTheThroughputLimitImplies()
    {
        var options = new BleMediumOptions { ThroughputBytesPerSecond = 40_000, Latency = TimeSpan.FromMilliseconds(5) };
        var session = Session.Open(options, reply: [1, 2]);
        var start = session.Clock.Now;

        session.Client.Exchange(new byte[4096]);

        // MTU 247 carries 244 value bytes: 241 message bytes in the first fragment (3-byte header), 243 in each of the
        // 16 others (1-byte header). The request is 4096 + 3 + 16 bytes on the link, the reply 2 + 3; each arrives one
        // latency after its last byte is sent.
        double expectedSeconds = ((4096 + 3 + 16) / 40_000.0) + 0.005 + ((2 + 3) / 40_000.0) + 0.005;
        Assert.Equal(expectedSeconds, (session.Clock.Now - start).TotalSeconds, 6);
    }

    [Fact]
    public void MessagesAreFragmentedToTheSmallerMtuOfTheTwoEnds()
    {
        var session = Session.Open(new BleMediumOptions(), sensorMtu: 23);
        int fragments = 0;
        session.Channel.Service.Find(BleTestIds.Request)!.WriteReceived += (_, _, value) =>
        {
            fragments++;
            Assert.True(value.Length <= 20);
        };

        byte[] reply = session.Client.Exchange(new byte[100]);

        Assert.Equal(23, session.Connection.Mtu);
        Assert.Equal(1 + 5, fragments); // 17 bytes, then 19 per fragment: 17 + 5 * 19 >= 100
        Assert.Equal(100, reply.Length);
    }

    [Fact]
    public void AnOversizedRequestIsRefusedWithAClearErrorAndTheChannelStillWorks()
    {
        var session = Session.Open(new BleMediumOptions(), maxRequest: 512);

        var error = Assert.Throws<BleException>(() => session.Client.Exchange(new byte[600]));

        Assert.Contains("the request of 600 bytes exceeds the limit of 512 bytes", error.Message);
        Assert.Equal(0, session.Handler.Calls);
        Assert.Equal(new byte[] { 2, 1 }, session.Client.Exchange([1, 2]));
    }

    [Fact]
    public void GarbageFragmentsAreIgnored()
    {
        var session = Session.Open(new BleMediumOptions());
        foreach (var garbage in new byte[][] { [], [0x05, 1, 2], [0x80], [0x81, 0, 1, 7], [0x80, 0, 4, 1, 2, 3, 4, 5, 6] })
        {
            session.Gatt.Write(BleTestIds.Service, BleTestIds.Request, garbage, true);
        }

        session.Clock.RunFor(TimeSpan.FromSeconds(1));
        Assert.Equal(0, session.Handler.Calls);
        Assert.Equal(new byte[] { 3 }, session.Client.Exchange([3]));
    }

    [Fact]
    public void WalkingOutOfRangeMidMessageFailsTheExchangeAndDropsThePeripheralsState()
    {
        var session = Session.Open(new BleMediumOptions());
        session.Clock.Schedule(TimeSpan.FromMilliseconds(40), () => session.Phone.MoveTo(40, 0));

        var error = Assert.Throws<BleException>(() => session.Client.Exchange(new byte[4096]));

        Assert.Contains("closed before the reply arrived", error.Message);
        Assert.Equal(0, session.Handler.Calls);
        Assert.Equal(0, session.Channel.ConnectionsWithState);
        Assert.Equal(0, session.Sensor.PeripheralConnectionCount);
        Assert.Throws<BleException>(() => session.Gatt.Write(BleTestIds.Service, BleTestIds.Request, [0x80, 0, 0], false));
    }

    [Fact]
    public void AReplyLargerThanTheClientsLimitIsRefused()
    {
        var session = Session.Open(new BleMediumOptions(), reply: new byte[300], maxReply: 200);

        var error = Assert.Throws<BleException>(() => session.Client.Exchange([1]));

        Assert.Contains("the reply of 241 bytes or more exceeds the limit of 200 bytes", error.Message);
    }

    [Fact]
    public void ALongReplyLeavesAsItIsWrittenAndArrivesWhole()
    {
        byte[] expected = [.. Enumerable.Range(0, 5000).Select(i => (byte)i)];
        bool startedEarly = false;
        var session = Session.Open(new BleMediumOptions(), write: reply =>
        {
            for (int at = 0; at < expected.Length; at += 100)
            {
                reply.Write(expected, at, 100);
                startedEarly |= at == 300 && ((StreamedMessageWriter)reply).Started;
            }
        });

        Assert.Equal(expected, session.Client.Exchange([1]));
        Assert.True(startedEarly, "the first fragment waited for the whole reply");
    }

    [Fact]
    public void AHandlerFailingBeforeItsReplyLeftGetsAnErrorReplyAndAfterItIsCutOff()
    {
        int calls = 0;
        var session = Session.Open(new BleMediumOptions(), write: reply =>
        {
            calls++;
            reply.Write(new byte[calls == 1 ? 10 : 1000], 0, calls == 1 ? 10 : 1000);
            if (calls < 3)
            {
                throw new InvalidOperationException("the handler fails");
            }
        });

        Assert.Contains("the peripheral refused the request: the request could not be handled",
            Assert.Throws<BleException>(() => session.Client.Exchange([1])).Message);
        Assert.Contains("no reply from sensor within 5000 ms", Assert.Throws<BleException>(() => session.Client.Exchange([1])).Message);
        Assert.Equal(1000, session.Client.Exchange([1]).Length);
    }

    [Fact]
    public void ASilentPeripheralTimesOutOnTheVirtualClock()
    {
        var medium = new SimulatedBleMedium(new VirtualClock());
        var sensor = medium.AddRadio("sensor", 0, 0);
        var service = new GattService(BleTestIds.Service);
        service.Add(new GattCharacteristic(BleTestIds.Request, GattCharacteristicProperties.WriteWithoutResponse));
        service.Add(new GattCharacteristic(BleTestIds.Response, GattCharacteristicProperties.Notify));
        sensor.AddService(service);
        sensor.Start(BleTestIds.Beacon(1), null);
        var client = new GattMessageClient(medium.AddRadio("phone", 1, 0).Connect("sensor"), BleTestIds.Service, BleTestIds.Request, BleTestIds.Response, 100, s_timeout);
        var start = medium.Clock.Now;

        var error = Assert.Throws<BleException>(() => client.Exchange([1]));

        Assert.Contains("no reply from sensor within 5000 ms", error.Message);
        Assert.Equal(s_timeout, medium.Clock.Now - start);
    }

    [Fact]
    public void NotificationsLongerThanTheMtuAllowsAreRefused()
    {
        var session = Session.Open(new BleMediumOptions(), sensorMtu: 23);
        session.Gatt.Subscribe(BleTestIds.Service, BleTestIds.Response, (_, _) => { });

        var error = Assert.Throws<BleException>(() =>
            session.Sensor.Notify(session.Connection, session.Channel.Service.Find(BleTestIds.Response)!, new byte[21]));

        Assert.Contains("exceeds the 20 bytes an MTU of 23 carries", error.Message);
    }

    [Fact]
    public void NotificationsReachOnlyCentralsThatSubscribed()
    {
        var medium = new SimulatedBleMedium(new VirtualClock());
        var sensor = medium.AddRadio("sensor", 0, 0);
        var service = new GattService(BleTestIds.Service);
        GattCharacteristic response = service.Add(new GattCharacteristic(BleTestIds.Response, GattCharacteristicProperties.Notify));
        sensor.AddService(service);
        BleConnection? accepted = null;
        sensor.Connected += connection => accepted = connection;
        sensor.Start(BleTestIds.Beacon(1), null);
        IGattClient phone = medium.AddRadio("phone", 1, 0).Connect("sensor");
        var heard = new List<byte[]>();

        Assert.False(sensor.Notify(accepted!, response, [1]));
        phone.Subscribe(BleTestIds.Service, BleTestIds.Response, (_, value) => heard.Add(value));
        Assert.True(sensor.Notify(accepted!, response, [2]));
        medium.Clock.RunFor(TimeSpan.FromSeconds(1));

        Assert.Equal([2], Assert.Single(heard));
    }

    /// <summary>Answers the request reversed, or a fixed reply, or what <c>write</c> writes.</summary>
    private sealed class ReversingHandler(byte[]? fixedReply, Action<Stream>? write) : IGattMessageHandler
    {
        public int Calls { get; private set; }

        public void Handle(BleConnection connection, byte[] request, Stream reply)
        {
            Calls++;
            if (write != null)
            {
                write(reply);
                return;
            }

            byte[] answer = fixedReply ?? [.. request.Reverse()];
            reply.Write(answer, 0, answer.Length);
        }
    }

    private sealed record Session(
        VirtualClock Clock,
        SimulatedBleRadio Sensor,
        SimulatedBleRadio Phone,
        GattMessageChannel Channel,
        ReversingHandler Handler,
        IGattClient Gatt,
        GattMessageClient Client)
    {
        public BleConnection Connection { get; set; } = null!;

        public static Session Open(BleMediumOptions options, int? sensorMtu = null, int maxRequest = 8192, byte[]? reply = null, int maxReply = 8192,
            Action<Stream>? write = null)
        {
            var medium = new SimulatedBleMedium(new VirtualClock(), options);
            var sensor = medium.AddRadio("sensor", 0, 0, sensorMtu);
            var handler = new ReversingHandler(reply, write);
            var channel = new GattMessageChannel(sensor, BleTestIds.Service, BleTestIds.Request, BleTestIds.Response, maxRequest, handler);
            BleConnection? accepted = null;
            sensor.Connected += connection => accepted = connection;
            sensor.Start(BleTestIds.Beacon(1), null);
            var phone = medium.AddRadio("phone", 3, 0);
            var gatt = phone.Connect("sensor");
            var client = new GattMessageClient(gatt, BleTestIds.Service, BleTestIds.Request, BleTestIds.Response, maxReply, s_timeout);
            return new Session(medium.Clock, sensor, phone, channel, handler, gatt, client) { Connection = accepted! };
        }
    }
}
