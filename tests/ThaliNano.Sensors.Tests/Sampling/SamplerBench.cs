using System.Text.Json;
using ThaliNano.Drivers.Host.FileStorage;
using ThaliNano.Sensors.Sampling;
using ThaliNano.Sensors.Tests.Simulation;
using ThaliNano.Store;

namespace ThaliNano.Sensors.Tests.Sampling;

/// <summary>A sampler over both simulated sensors, writing into a real readings database in a temporary folder.</summary>
public sealed class SamplerBench : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sensors-").FullName;
    private readonly DocumentStore _store;

    public SamplerBench(long quotaBytes = 0)
    {
        _store = new DocumentStore(new HostFileStorage(_folder), new StoreOptions());
        Readings = _store.CreateDatabase("readings", new DatabaseOptions { QuotaBytes = quotaBytes });
        Sampler = new Sampler(
            Readings,
            "hub-7",
            [new Sht3xSource(Sensors.Sht3xDriver), new Bme280Source(Sensors.Bme280Driver)],
            Battery,
            Policy,
            Sensors.Clock);
    }

    public TestBench Sensors { get; } = new();

    public SimulatedBattery Battery { get; } = new();

    public DutyCyclePolicy Policy { get; } = new(60, 10);

    public Database Readings { get; }

    public Sampler Sampler { get; }

    /// <summary>Runs one cycle and lets the virtual time it asks for pass.</summary>
    public int Cycle()
    {
        int wait = Sampler.RunCycle();
        Sensors.Clock.Advance(wait);
        return wait;
    }

    public List<string> Ids()
    {
        var ids = new List<string>();
        ChangesCursor changes = Readings.GetChanges(0, 1000);
        while (changes.MoveNext())
        {
            ids.Add(changes.Current.Id);
        }

        return ids;
    }

    public JsonElement Body(string id) => JsonDocument.Parse(Readings.Get(id).Body).RootElement;

    public void Dispose()
    {
        _store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
