namespace NanoLint.Manifests;

/// <summary>What a nanoFramework compilation is, as Directory.Build.props describes it.</summary>
public enum NanoKind
{
    /// <summary>Device code also built for net10.0 (libs, firmware).</summary>
    Dual,

    /// <summary>Device code built only for nanoFramework (ESP32 drivers and board).</summary>
    DeviceOnly,

    /// <summary>Reference declarations of a nanoFramework package: compile-time only.</summary>
    Declarations,
}
