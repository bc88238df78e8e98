using CsCheck;

namespace ThaliNano.Ble.Tests;

public class BleAdvertisementTests
{
    private static readonly Guid s_service = Guid.Parse("6e400001-b5a3-f393-e0a9-e50e24dcca9e");

    [Fact]
    public void LegacySizeCountsFlagsAndEachAdStructure()
    {
        var advertisement = new BleAdvertisement(0xFFFF, new byte[20], "ab", null);

        Assert.Equal(3 + (4 + 20) + (2 + 2), advertisement.LegacySize(true));
        Assert.Equal((4 + 20) + (2 + 2), advertisement.LegacySize(false));
        Assert.Equal(advertisement.LegacySize(true), advertisement.Encode(true).Length);
    }

    [Fact]
    public void A128BitServiceUuidCosts18Bytes() =>
        Assert.Equal(18, new BleAdvertisement(0, null, null, [s_service]).LegacySize(false));

    [Fact]
    public void ManufacturerDataOf24BytesFillsALegacyPacketWithFlags()
    {
        BleAdvertisement.EnsureFitsLegacy(new BleAdvertisement(0xFFFF, new byte[24], null, null), null);

        var error = Assert.Throws<ArgumentException>(() =>
            BleAdvertisement.EnsureFitsLegacy(new BleAdvertisement(0xFFFF, new byte[25], null, null), null));
        Assert.Contains("32 bytes", error.Message);
    }

    [Fact]
    public void AScanResponseHasNoFlagsAndIsLimitedTo31Bytes()
    {
        var small = new BleAdvertisement(0xFFFF, new byte[4], null, null);
        BleAdvertisement.EnsureFitsLegacy(small, new BleAdvertisement(0, null, "n", [s_service]));

        var error = Assert.Throws<ArgumentException>(() =>
            BleAdvertisement.EnsureFitsLegacy(small, new BleAdvertisement(0, null, null, [s_service, s_service])));
        Assert.Contains("scan response takes 34 bytes", error.Message);
    }

    [Fact]
    public void UuidsGoOnTheAirLeastSignificantByteFirst()
    {
        byte[] wire = new BleAdvertisement(0, null, null, [s_service]).Encode(false);

        Assert.Equal(new byte[] { 17, 0x07, 0x9e, 0xca, 0xdc, 0x24, 0x0e, 0xe5, 0xa9, 0xe0, 0x93, 0xf3, 0xa3, 0xb5, 0x01, 0x00, 0x40, 0x6e }, wire);
    }

    [Fact]
    public void EncodedAdvertisementsParseBackToTheSameContent() =>
        Gen.Select(Gen.UShort, Gen.Byte.Array[0, 20].Null(), Gen.Char["abcxyzé"].Array[0, 6].Select(chars => new string(chars)), Gen.Guid.Array[0, 1])
            .Sample((company, data, name, uuids) =>
            {
                var original = new BleAdvertisement(company, data, name, uuids);
                var parsed = BleAdvertisement.TryParse(original.Encode(true))!;

                Assert.Equal(data is null ? (ushort)0 : company, parsed.CompanyId);
                Assert.Equal(data, parsed.ManufacturerData);
                Assert.Equal(string.IsNullOrEmpty(name) ? null : name, parsed.LocalName);
                Assert.Equal(uuids, parsed.ServiceUuids);
            });

    [Fact]
    public void GarbageFromTheAirParsesToNullOrAnAdvertisementNeverAnException() =>
        Gen.Byte.Array[0, 62].Sample(bytes => BleAdvertisement.TryParse(bytes));

    [Theory]
    [InlineData(new byte[] { 5, 0xFF, 1 })]
    [InlineData(new byte[] { 1, 0xFF })]
    [InlineData(new byte[] { 4, 0x07, 1, 2, 3 })]
    public void MalformedStructuresAreRefused(byte[] bytes) => Assert.Null(BleAdvertisement.TryParse(bytes));

    [Fact]
    public void PacketsLongerThanAdvertisementAndScanResponseAreRefused() =>
        Assert.Null(BleAdvertisement.TryParse(new byte[63]));
}
