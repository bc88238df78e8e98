using ThaliNano.Identity;
using Xunit.Abstractions;
namespace ThaliNano.Firmware.Tests.Status;

public sealed class ScratchProbe(ITestOutputHelper output)
{
    [Fact]
    public void Probe()
    {
        using var hub = new AuthHub();
        for (int i = 0; i < 3; i++) { hub.SendSigned(hub.Alice, null, "PUT", "/db" + i).AssertStatus(201); }
        var store = hub.Hub.Store;
        var reg = hub.Hub.Couch;
        for (int k = 0; k < 3; k++)
        {
            long a = GC.GetAllocatedBytesForCurrentThread();
            var m = new HmacSha256(new byte[16]); m.Append(new byte[40], 0, 40); m.GetMacAndReset();
            long b = GC.GetAllocatedBytesForCurrentThread();
            var sys = store.OpenDatabase("thali$hub"); var doc = sys.Get("group:crew");
            long c = GC.GetAllocatedBytesForCurrentThread();
            var info = store.OpenDatabase("db1").GetInfo(); var o = store.OpenDatabase("db1").Options;
            long d = GC.GetAllocatedBytesForCurrentThread();
            output.WriteLine($"hmac {b - a}, get group {c - b}, info+options {d - c}");
        }
    }
}
