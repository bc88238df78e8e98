using ThaliNano.Sensors.Sampling;
using Xunit.Abstractions;

namespace ThaliNano.Sensors.Tests.Sampling;

/// <summary>
/// What one sample allocates on the managed heap, measured on net10.0 (object headers and string sizes differ on
/// nanoFramework, the counts of allocations do not): the drivers nothing, the document writer the body's array.
/// </summary>
public sealed class AllocationTests(ITestOutputHelper output) : IDisposable
{
    private readonly SamplerBench _bench = new();

    public void Dispose() => _bench.Dispose();

    [Fact]
    public void TheDriversAllocateNothingPerMeasurement()
    {
        var sensors = _bench.Sensors;
        sensors.Sht3x.Commands.Capacity = 1000;
        sensors.Sht3xDriver.Initialize();
        sensors.Bme280Driver.Initialize();
        sensors.Sht3xDriver.Measure();
        sensors.Bme280Driver.Measure();

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            sensors.Sht3xDriver.Measure();
        }

        long sht = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            sensors.Bme280Driver.Measure();
        }

        Assert.Equal((0L, 0L), (sht, GC.GetAllocatedBytesForCurrentThread() - before));
    }

    [Fact]
    public void TheDocumentWriterAllocatesOnlyTheBody()
    {
        var writer = new ReadingDocumentWriter();
        var fields = new ReadingFields();
        fields.Add("celsius", -1234);
        fields.Add("rh", 4520);
        fields.Add("pa", 10065327);
        writer.Reading("bme280", fields, 1767225600, 87);

        long before = GC.GetAllocatedBytesForCurrentThread();
        byte[] body = writer.Reading("bme280", fields, 1767225600, 87);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // A byte array on 64-bit .NET: 24 bytes of header and length, the bytes rounded up to 8.
        Assert.Equal(24 + (body.Length + 7) / 8 * 8, allocated);
        output.WriteLine($"body {body.Length} bytes: {System.Text.Encoding.UTF8.GetString(body)}");
    }

    [Fact]
    public void ReportsWhatAWholeCycleAllocatesWithTheStore()
    {
        for (int i = 0; i < 5; i++)
        {
            _bench.Cycle();
        }

        const int cycles = 20;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < cycles; i++)
        {
            _bench.Cycle();
        }

        long perCycle = (GC.GetAllocatedBytesForCurrentThread() - before) / cycles;
        output.WriteLine($"one cycle (2 sensors, 2 documents, one commit on the host file storage): {perCycle} bytes allocated");
        Assert.Equal(2 * (5 + cycles), _bench.Sampler.ReadingsWritten);
    }
}
