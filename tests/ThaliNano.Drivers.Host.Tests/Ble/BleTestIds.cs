using ThaliNano.Ble;

namespace ThaliNano.Drivers.Host.Tests.Ble;

internal static class BleTestIds
{
    public static readonly Guid Service = Guid.Parse("7a1e0001-5c8b-4d7e-9a21-3f0c2b6d9e10");
    public static readonly Guid Request = Guid.Parse("7a1e0002-5c8b-4d7e-9a21-3f0c2b6d9e10");
    public static readonly Guid Response = Guid.Parse("7a1e0003-5c8b-4d7e-9a21-3f0c2b6d9e10");

    public static BleAdvertisement Beacon(byte marker) => new(0xFFFF, [marker, 1, 2, 3], null, null);
}
