using ThaliNano.Store.Tests.Simulation;

namespace ThaliNano.Store.Tests;

/// <summary>A store on simulated flash that tests can reopen as a reboot would.</summary>
public sealed class StoreFixture : IDisposable
{
    public StoreFixture(int seed = 1, long maxStoreBytes = 0)
    {
        Flash = new SimulatedFlash(seed);
        Options = new StoreOptions { Clock = Clock, MaxStoreBytes = maxStoreBytes };
        Store = new DocumentStore(Flash, Options);
    }

    public SimulatedFlash Flash { get; }

    public FakeClock Clock { get; } = new();

    public StoreOptions Options { get; }

    public DocumentStore Store { get; private set; }

    /// <summary>Closes cleanly and opens again.</summary>
    public DocumentStore Reopen()
    {
        Store.Dispose();
        Store = new DocumentStore(Flash, Options);
        return Store;
    }

    /// <summary>Power cut now (nothing closed), unsynced data resolved as <paramref name="mode"/>, then a fresh open.</summary>
    public DocumentStore Crash(CutMode mode = CutMode.DropAll)
    {
        Flash.CutAfter(0);
        try
        {
            Flash.SyncAll();
        }
        catch (PowerCutException)
        {
        }

        Flash.Reboot(mode);
        Store = new DocumentStore(Flash, Options);
        return Store;
    }

    public void Dispose() => Store.Dispose();
}
