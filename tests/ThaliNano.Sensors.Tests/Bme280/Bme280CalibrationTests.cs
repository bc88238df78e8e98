using CsCheck;
using ThaliNano.Sensors.Bme280;
using ThaliNano.Sensors.Tests.Reference;
using ThaliNano.Sensors.Tests.Simulation;

namespace ThaliNano.Sensors.Tests.Bme280;

public class Bme280CalibrationTests
{
    public static TheoryData<string> Sets() =>
        [nameof(Bme280CalibrationValues.DatasheetExample), nameof(Bme280CalibrationValues.SecondPart), nameof(Bme280CalibrationValues.SignEdges)];

    [Theory]
    [MemberData(nameof(Sets))]
    public void TheDriverReadsBackWhatThePartHolds(string set)
    {
        var values = Bme280CalibrationValues.Named(set);
        var bench = new TestBench(values);

        bench.Bme280Driver.Initialize();

        Assert.Equal(values, AsValues(bench.Bme280Driver.Calibration));
    }

    [Fact]
    public void DecodesEveryValueOfEveryFieldsRange()
    {
        var unsigned16 = Gen.Int[1, 65535];
        var signed16 = Gen.Int[-32768, 32767];
        var words = Gen.Select(unsigned16, signed16.Array[2], unsigned16, signed16.Array[8]);
        var humidity = Gen.Select(Gen.Int[0, 255], signed16, Gen.Int[0, 255], Gen.Int[-2048, 2047].Array[2], Gen.Int[-128, 127]);
        Gen.Select(words, humidity).Sample((w, h) =>
        {
            var values = new Bme280CalibrationValues(
                w.Item1, w.Item2[0], w.Item2[1],
                w.Item3, w.Item4[0], w.Item4[1], w.Item4[2], w.Item4[3], w.Item4[4], w.Item4[5], w.Item4[6], w.Item4[7],
                h.Item1, h.Item2, h.Item3, h.Item4[0], h.Item4[1], h.Item5);
            byte[] registers = new byte[256];
            Bme280CalibrationEncoding.Encode(values, registers);

            var parsed = Bme280Calibration.Parse(registers[0x88..0xA2], registers[0xE1..0xE8]);

            Assert.Equal(values, AsValues(parsed));
        });
    }

    [Theory]
    [InlineData(0x88)]
    [InlineData(0x8E)]
    public void RefusesACalibrationWithoutItsDivisors(int register)
    {
        byte[] registers = new byte[256];
        Bme280CalibrationEncoding.Encode(Bme280CalibrationValues.DatasheetExample, registers);
        registers[register] = 0;
        registers[register + 1] = 0;

        var e = Assert.Throws<SensorException>(() => Bme280Calibration.Parse(registers[0x88..0xA2], registers[0xE1..0xE8]));

        Assert.Equal(SensorFault.InvalidData, e.Fault);
    }

    private static Bme280CalibrationValues AsValues(Bme280Calibration c) => new(
        c.T1, c.T2, c.T3, c.P1, c.P2, c.P3, c.P4, c.P5, c.P6, c.P7, c.P8, c.P9, c.H1, c.H2, c.H3, c.H4, c.H5, c.H6);
}
