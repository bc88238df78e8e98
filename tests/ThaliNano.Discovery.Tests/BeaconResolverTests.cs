using CsCheck;

namespace ThaliNano.Discovery.Tests;

public class BeaconResolverTests
{
    private static readonly Gen<BeaconHints> s_hints =
        Gen.Select(Gen.Int[0, 7], Gen.Int[0, 3], Gen.Bool, Gen.Int[0, 3]).Select((b, s, p, l) => new BeaconHints(b, s, p, l));

    private static readonly Gen<byte[]> s_fleetSecret = Gen.OneOf(Gen.Byte.Array[16], Gen.Byte.Array[32]);

    [Fact]
    public void EveryBeaconResolvesToWhatWasEncoded()
    {
        Gen.Select(s_fleetSecret, Gen.Byte.Array[8], Gen.UInt[0, BeaconFormat.MaxSlot], Gen.UInt, s_hints).Sample((secret, id, slot, counter, hints) =>
        {
            var key = new FleetKey(secret);
            var payload = new BeaconEncoder(key, id).Encode(slot, counter, hints);

            Assert.Equal(BeaconRejection.None, new BeaconResolver(key).Resolve(payload, slot, out var reading));
            Assert.Equal(id, reading!.DeviceId);
            Assert.Equal(slot, reading.Slot);
            Assert.Equal(counter, reading.Counter);
            Assert.Equal(hints.ToByte(), reading.Hints.ToByte());
            Assert.False(reading.IsRepeat);
        }, iter: 2_000);
    }

    [Fact]
    public void TheSameBeaconSeenAgainIsARepeat()
    {
        var payload = new BeaconEncoder(Fleet.Key(1), Fleet.DeviceId(1)).Encode(50, 3, Fleet.NoHints);
        var resolver = new BeaconResolver(Fleet.Key(1));

        Assert.True(resolver.TryResolve(payload, 50, out var first));
        Assert.True(resolver.TryResolve(payload, 50, out var second));

        Assert.False(first!.IsRepeat);
        Assert.True(second!.IsRepeat);
    }

    [Fact]
    public void EverySingleBitFlipIsRefusedAndChangesNothing()
    {
        Gen.Select(Gen.Byte.Array[16], Gen.Byte.Array[8], Gen.UInt[0, 1000], Gen.UInt, s_hints).Sample((secret, id, slot, counter, hints) =>
        {
            var key = new FleetKey(secret);
            var payload = new BeaconEncoder(key, id).Encode(slot, counter, hints);
            var resolver = new BeaconResolver(key);

            for (int bit = 0; bit < payload.Length * 8; bit++)
            {
                var flipped = (byte[])payload.Clone();
                flipped[bit / 8] ^= (byte)(1 << (bit % 8));

                var expected = bit < 8 ? BeaconRejection.UnknownVersion : BeaconRejection.BadTag;
                Assert.Equal(expected, resolver.Resolve(flipped, slot, out var reading));
                Assert.Null(reading);
            }

            Assert.Equal(0, resolver.TrackedDevices);
            Assert.True(resolver.TryResolve(payload, slot, out var original));
            Assert.False(original!.IsRepeat);
        }, iter: 50);
    }

    [Fact]
    public void GarbageOfAnyLengthIsRefusedWithoutThrowing()
    {
        var resolver = new BeaconResolver(Fleet.Key(1));

        // One thread: a resolver is not thread-safe, and this one is shared to show that nothing reached its table.
        Gen.Byte.Array[0, 64].Sample(garbage => Assert.False(resolver.TryResolve(garbage, 0, out _)), iter: 20_000, threads: 1);
        Assert.False(resolver.TryResolve(null!, 0, out _));
        Assert.Equal(0, resolver.TrackedDevices);
    }

    [Fact]
    public void GarbageThatLooksLikeABeaconFailsTheTag()
    {
        var resolver = new BeaconResolver(Fleet.Key(1));

        Gen.Byte.Array[BeaconFormat.PayloadBytes - 1].Sample(rest =>
            Assert.Equal(BeaconRejection.BadTag, resolver.Resolve([BeaconFormat.Version, .. rest], 0, out _)), iter: 20_000, threads: 1);
    }

    [Theory]
    [InlineData(0, BeaconRejection.WrongLength)]
    [InlineData(23, BeaconRejection.WrongLength)]
    [InlineData(25, BeaconRejection.WrongLength)]
    public void OnlyPayloadSizedDataIsConsidered(int length, BeaconRejection expected)
    {
        var payload = new BeaconEncoder(Fleet.Key(1), Fleet.DeviceId(1)).Encode(0, 0, Fleet.NoHints);
        var data = new byte[length];
        Array.Copy(payload, data, Math.Min(length, payload.Length));

        Assert.Equal(expected, new BeaconResolver(Fleet.Key(1)).Resolve(data, 0, out _));
    }

    [Fact]
    public void AnotherFleetsBeaconsFailTheTag()
    {
        Gen.Select(Gen.Byte.Array[16], Gen.Byte.Array[16], Gen.Byte.Array[8]).Where((a, b, _) => !a.AsSpan().SequenceEqual(b)).Sample((ours, theirs, id) =>
        {
            var payload = new BeaconEncoder(new FleetKey(theirs), id).Encode(0, 0, Fleet.NoHints);

            Assert.Equal(BeaconRejection.BadTag, new BeaconResolver(new FleetKey(ours)).Resolve(payload, 0, out _));
        }, iter: 500);
    }

    [Fact]
    public void AnOlderCounterIsAReplay()
    {
        var encoder = new BeaconEncoder(Fleet.Key(1), Fleet.DeviceId(1));
        var older = encoder.Encode(10, 5, Fleet.NoHints);
        var newer = encoder.Encode(10, 6, Fleet.NoHints);
        var resolver = new BeaconResolver(Fleet.Key(1));

        Assert.True(resolver.TryResolve(newer, 10, out _));
        Assert.Equal(BeaconRejection.ReplayedCounter, resolver.Resolve(older, 10, out var reading));
        Assert.Null(reading);
        Assert.True(resolver.TryResolve(newer, 10, out var again));
        Assert.True(again!.IsRepeat);
    }

    [Fact]
    public void CountersAreKeptPerDevice()
    {
        var resolver = new BeaconResolver(Fleet.Key(1));

        Assert.True(resolver.TryResolve(new BeaconEncoder(Fleet.Key(1), Fleet.DeviceId(1)).Encode(10, 100, Fleet.NoHints), 10, out _));
        Assert.True(resolver.TryResolve(new BeaconEncoder(Fleet.Key(1), Fleet.DeviceId(2)).Encode(10, 1, Fleet.NoHints), 10, out _));
        Assert.Equal(2, resolver.TrackedDevices);
    }

    [Theory]
    [InlineData(100u, 100u, BeaconRejection.None)]
    [InlineData(100u, 101u, BeaconRejection.None)]
    [InlineData(100u, 99u, BeaconRejection.None)]
    [InlineData(100u, 102u, BeaconRejection.StaleSlot)]
    [InlineData(100u, 5000u, BeaconRejection.StaleSlot)]
    [InlineData(100u, 98u, BeaconRejection.FutureSlot)]
    [InlineData(0u, BeaconFormat.MaxSlot, BeaconRejection.StaleSlot)]
    public void SlotsOutsideTheWindowAreRefused(uint slot, uint currentSlot, BeaconRejection expected)
    {
        var payload = new BeaconEncoder(Fleet.Key(1), Fleet.DeviceId(1)).Encode(slot, 1, Fleet.NoHints);
        var resolver = new BeaconResolver(Fleet.Key(1), BeaconFormat.TestCompanyId, slotWindow: 1, maxDevices: 8);

        Assert.Equal(expected, resolver.Resolve(payload, currentSlot, out _));
        Assert.Equal(expected == BeaconRejection.None ? 1 : 0, resolver.TrackedDevices);
    }

    [Fact]
    public void OneAesDecryptionPerResolveAndNoneForABadTag()
    {
        var key = Fleet.Key(1);
        var cipher = new CountingCipher(key);
        var resolver = new BeaconResolver(key, BeaconFormat.TestCompanyId, 1, 64, cipher);
        var encoders = Enumerable.Range(0, 20).Select(i => new BeaconEncoder(key, Fleet.DeviceId(i))).ToArray();

        for (int i = 0; i < encoders.Length; i++)
        {
            Assert.True(resolver.TryResolve(encoders[i].Encode(7, (uint)i, Fleet.NoHints), 7, out _));
            Assert.Equal(i + 1, cipher.Decryptions);
        }

        var forged = encoders[0].Encode(7, 100, Fleet.NoHints);
        forged[^1] ^= 1;
        Assert.False(resolver.TryResolve(forged, 7, out _));

        Assert.Equal(encoders.Length, cipher.Decryptions);
        Assert.Equal(0, cipher.Encryptions);
    }

    [Fact]
    public void AFullTableForgetsTheDeviceSeenInTheOldestSlot()
    {
        var key = Fleet.Key(1);
        var resolver = new BeaconResolver(key, BeaconFormat.TestCompanyId, slotWindow: 10, maxDevices: 2);
        var first = new BeaconEncoder(key, Fleet.DeviceId(1));
        var oldFirst = first.Encode(10, 1, Fleet.NoHints);

        Assert.True(resolver.TryResolve(first.Encode(10, 2, Fleet.NoHints), 12, out _));
        Assert.True(resolver.TryResolve(new BeaconEncoder(key, Fleet.DeviceId(2)).Encode(11, 1, Fleet.NoHints), 12, out _));
        Assert.True(resolver.TryResolve(new BeaconEncoder(key, Fleet.DeviceId(3)).Encode(12, 1, Fleet.NoHints), 12, out _));

        Assert.Equal(2, resolver.TrackedDevices);
        // Device 1 was forgotten, so its older counter is no longer known to be a replay.
        Assert.True(resolver.TryResolve(oldFirst, 12, out _));
    }

    [Fact]
    public void ConstructorArgumentsAreChecked()
    {
        Assert.Throws<ArgumentNullException>(() => new BeaconResolver(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BeaconResolver(Fleet.Key(1), 0xFFFF, -1, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BeaconResolver(Fleet.Key(1), 0xFFFF, 1, 0));
    }
}
