namespace ThaliNano.Sensors.Tests.Reference;

/// <summary>The trimming values of a part, as the datasheet names them (the test's own record, not the driver's).</summary>
public sealed record Bme280CalibrationValues(
    int T1, int T2, int T3,
    int P1, int P2, int P3, int P4, int P5, int P6, int P7, int P8, int P9,
    int H1, int H2, int H3, int H4, int H5, int H6)
{
    /// <summary>
    /// Temperature and pressure: the worked example of Bosch's BMP280 datasheet (section 3.12), whose T/P trimming and
    /// formulas the BME280 shares. Humidity: values in the range real BME280 parts report (dig_H1 75, dig_H3 0, dig_H6 30).
    /// </summary>
    public static readonly Bme280CalibrationValues DatasheetExample = new(
        27504, 26435, -1000,
        36477, -10685, 3024, 2855, 140, -7, 15500, -14600, 6000,
        75, 362, 0, 313, 50, 30);

    /// <summary>Another part's trimming, of the kind real BME280 parts report (dig_H4 and dig_H5 with both nibbles of 0xE5 in use).</summary>
    public static readonly Bme280CalibrationValues SecondPart = new(
        28485, 26735, 50,
        37711, -10509, 3024, 7063, -51, -7, 9900, -10230, 4285,
        75, 366, 0, 307, 50, 30);

    /// <summary>
    /// Every sign the packing can carry: negative dig_H4 and dig_H5 (their shared byte 0xE5 holds a nibble of each),
    /// dig_H6 negative, dig_T1/dig_P1 with the top bit set (unsigned words), dig_H1 and dig_H3 over 127 (unsigned bytes).
    /// Not a plausible part: its humidity overflows Bosch's 32-bit formula, so it checks the decoding only.
    /// </summary>
    public static readonly Bme280CalibrationValues SignEdges = new(
        40000, 26000, 50,
        40000, -10000, 3000, 7000, -100, -7, 9900, -10230, 4285,
        200, -300, 130, -1234, -700, -30);

    public static Bme280CalibrationValues Named(string name) => name switch
    {
        nameof(DatasheetExample) => DatasheetExample,
        nameof(SecondPart) => SecondPart,
        nameof(SignEdges) => SignEdges,
        _ => throw new ArgumentException("no calibration named " + name, nameof(name)),
    };
}
