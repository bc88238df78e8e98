namespace ThaliNano.Simulator;

/// <summary>
/// A field site to simulate (README, "Scenario"). The defaults are the scenario: 30 sensors 100 m apart on a
/// grid, 20 people walking, one gateway with 30 m Wi-Fi, BLE 15 m at 40 kB/s, 1-4 kB messages about one every 10 s,
/// 12 hours, 1 MB sensor buffers.
/// </summary>
public sealed record Scenario
{
    /// <summary>Bounds that keep a run to minutes (phone pairs grow with the square of the phones).</summary>
    public const int MaxSensors = 500;
    public const int MaxPhones = 200;

    public int Sensors { get; init; } = 30;

    public int Phones { get; init; } = 20;

    public double Hours { get; init; } = 12;

    public double SensorSpacingMeters { get; init; } = 100;

    public double MinSpeed { get; init; } = 0.5;

    public double MaxSpeed { get; init; } = 1.5;

    public double MaxPauseSeconds { get; init; } = 600;

    /// <summary>Mean seconds between two messages, over all sensors together (a Poisson process).</summary>
    public double MessageIntervalSeconds { get; init; } = 10;

    public int MinMessageBytes { get; init; } = 1024;

    public int MaxMessageBytes { get; init; } = 4096;

    public long SensorBufferBytes { get; init; } = 1024 * 1024;

    /// <summary>What a phone app sets aside for others' bundles (drop policy: the oldest first; MaxProp: its own).</summary>
    public long CarrierBufferBytes { get; init; } = 2 * 1024 * 1024;

    public LinkModel Ble { get; init; } = LinkModel.DefaultBle;

    /// <summary>Between a phone and the gateway.</summary>
    public LinkModel WiFi { get; init; } = LinkModel.DefaultWiFi;

    /// <summary>While two nodes stay in range, the phone runs a new contact this often (the sensor's beacon hints bundles waiting).</summary>
    public double RecontactSeconds { get; init; } = 60;

    /// <summary>Spray tokens per bundle for spray and wait (ours too).</summary>
    public int Copies { get; init; } = 4;

    /// <summary>
    /// The hop limit sources stamp (the bundle builder's default). The library's router neither forwards nor delivers a
    /// copy at its limit: a first-contact copy bounced between phones can end up stuck.
    /// </summary>
    public int HopLimit { get; init; } = 8;

    /// <summary>Every plot and time series samples this often.</summary>
    public double SampleSeconds { get; init; } = 300;

    public double DurationSeconds => Hours * 3600;

    /// <summary>Null when the scenario can run, else what is wrong with it.</summary>
    public string? Problem() =>
        Sensors is < 1 or > MaxSensors ? "sensors must be 1 to " + MaxSensors
        : Phones is < 0 or > MaxPhones ? "phones must be 0 to " + MaxPhones
        : !(Hours > 0 && Hours <= 168) ? "hours must be more than 0 and at most 168 (bundles live 7 days)"
        : !(MinSpeed > 0 && MaxSpeed >= MinSpeed) ? "speeds must be positive, the minimum at most the maximum"
        : !(MessageIntervalSeconds > 0) ? "the message interval must be positive"
        : MinMessageBytes < 1 || MaxMessageBytes < MinMessageBytes ? "message sizes must be positive, the minimum at most the maximum"
        : Copies is < 1 or > 255 ? "copies must be 1 to 255"
        : HopLimit is < 1 or > 255 ? "the hop limit must be 1 to 255"
        : !(RecontactSeconds > 0 && SampleSeconds > 0) ? "intervals must be positive"
        : null;
}
