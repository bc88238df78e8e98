using ThaliNano.Mesh.Bundles;
using ThaliNano.Simulator.Engine;
using ThaliNano.Simulator.Results;
using static ThaliNano.Simulator.Tests.HandMadeSite;

namespace ThaliNano.Simulator.Tests;

/// <summary>The contact protocol's two round trips within a contact's capacity, cuts and resumption.</summary>
public sealed class ContactSessionTests
{
    private const int RoundTrip1Bytes = (3 + 41 + 3) + (3 + 41);   // I: frame, hello, end of records; R: frame, hello
    private const int BundleRecordBytes = 3;

    private static readonly LinkModel s_ble = HandMadeSite.Scenario.Ble;

    [Fact]
    public void A_contact_shorter_than_its_setup_moves_nothing_and_counts_as_cut()
    {
        PolicyRun run = new HandMadeSite().Message(0).Contact(A, Sensor, 10, s_ble.SetupSeconds).Run(PolicyKind.SprayAndWait, out World world);

        Assert.Equal(0, run.Relays);
        Assert.Equal(1, run.CutSessions);
        Assert.Equal(new Dictionary<int, int> { [Sensor] = 4 }, Tokens(world));
    }

    [Fact]
    public void A_contact_moves_no_more_bundles_than_its_capacity_allows()
    {
        int wire = BundleFormat.SealedBytes(4000);
        long capacity = RoundTrip1Bytes + (3 * (BundleRecordBytes + wire)) + (wire / 2);
        var site = new HandMadeSite();
        for (int i = 0; i < 10; i++)
        {
            site.Message(i, 4000);
        }

        PolicyRun run = site.Contact(A, Sensor, 20, SecondsFor(capacity)).Run(PolicyKind.Epidemic, out _);

        Assert.Equal(3, run.Relays);
        Assert.Equal(1, run.CutSessions);
    }

    [Fact]
    public void A_cut_after_the_bundle_arrived_keeps_it_and_the_ack_reaches_the_sensor_at_the_next_contact()
    {
        int wire = BundleFormat.SealedBytes(1024);
        long beforeAck = RoundTrip1Bytes + BundleRecordBytes + wire + 3 + 20;   // the bundle and its end record, not RT2
        HandMadeSite site = new HandMadeSite().Message(0).Contact(A, Sensor, 10, SecondsFor(beforeAck));

        site.Run(PolicyKind.SprayAndWait, out World cut);
        Assert.Equal(new Dictionary<int, int> { [Sensor] = 4, [A] = 2 }, Tokens(cut));   // custody not acknowledged yet

        PolicyRun resumed = site.Contact(A, Sensor, 500).Run(PolicyKind.SprayAndWait, out World world);
        Assert.Equal(new Dictionary<int, int> { [Sensor] = 2, [A] = 2 }, Tokens(world));
        Assert.Equal(1, resumed.Relays);
    }

    private static double SecondsFor(long bytes) => s_ble.SetupSeconds + (2 * s_ble.RoundTripSeconds) + ((bytes + 0.5) / s_ble.BytesPerSecond);
}
