using CsCheck;
using ThaliNano.Carrier.Storage;

namespace ThaliNano.Carrier.Tests;

/// <summary>The store's buffer against a plain model of the stated drop order, on random arrivals.</summary>
public sealed class DropPolicyPropertyTests
{
    private const int MaxBundles = 4;

    [Fact]
    public void The_buffer_holds_what_the_stated_drop_order_predicts_and_never_exceeds_its_bound()
    {
        using var sensor = new SensorFixture();
        Gen.Select(Gen.Int[1, 2], Gen.Int[1, 10], Gen.Int[0, 300]).List[5, 12].Sample(arrivals =>
        {
            using var folder = new TempFolder();
            using CarrierStore store = CarrierStore.Open(folder.Path, new CarrierLimits { MaxBundles = MaxBundles });
            var time = new ManualTime();
            var model = new List<Modelled>();
            long sequence = 0;
            foreach ((int copies, int lifetimeMinutes, int advanceSeconds) in arrivals)
            {
                time.Advance(TimeSpan.FromSeconds(advanceSeconds));
                byte[] wire = sensor.Bundle(++sequence, time.Dtn, copies, lifetimeMinutes * 60);
                StoreOutcome outcome = store.Take(wire, SensorFixture.Header(wire), SensorFixture.Id(20), time.Dtn);

                var arriving = new Modelled(sequence, copies, time.Dtn + (lifetimeMinutes * 60));
                Assert.Equal(Admit(model, arriving, time.Dtn) ? StoreOutcome.Stored : StoreOutcome.BufferFull, outcome);
                Assert.Equal(model.Select(m => m.Sequence).Order(), store.Held().Select(h => h.CreationSequence).Order());
                Assert.InRange(store.Held().Count, 0, MaxBundles);
            }
        }, iter: 50);
    }

    /// <summary>The README's order: room first; else drop the expired; else those ranking strictly below, lowest first.</summary>
    private static bool Admit(List<Modelled> held, Modelled arriving, long now)
    {
        if (held.Count < MaxBundles)
        {
            held.Add(arriving);
            return true;
        }

        held.RemoveAll(m => m.ExpiresAt < now);
        List<Modelled> lower = held.Where(m => m.Copies < arriving.Copies || (m.Copies == arriving.Copies && m.ExpiresAt < arriving.ExpiresAt))
            .OrderBy(m => m.Copies).ThenBy(m => m.ExpiresAt).ThenBy(m => m.Sequence).ToList();
        int needed = held.Count + 1 - MaxBundles;
        if (needed > lower.Count)
        {
            return false;
        }

        foreach (Modelled victim in lower.Take(needed))
        {
            held.Remove(victim);
        }

        held.Add(arriving);
        return true;
    }

    private sealed record Modelled(long Sequence, int Copies, long ExpiresAt);
}
