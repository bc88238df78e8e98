using ThaliNano.Carrier.Storage;
using ThaliNano.Mesh.Routing;

namespace ThaliNano.Carrier;

/// <summary>How a <see cref="Carrier"/> stores, routes and reads.</summary>
public sealed class CarrierOptions
{
    public CarrierLimits Limits { get; init; } = new();

    /// <summary>The routing policy between carriers; binary spray and wait with L = 4 by default.</summary>
    public IRoutingPolicy Policy { get; init; } = new SprayAndWaitPolicy();

    /// <summary>The largest frame read from a peer (over BLE also at most the link's reply limit).</summary>
    public int MaxInboundFrameBytes { get; init; } = CarrierNode.DefaultMaxInboundFrameBytes;

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
