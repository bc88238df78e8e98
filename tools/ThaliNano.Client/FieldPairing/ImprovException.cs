using ThaliNano.FieldPairing.Improv;

namespace ThaliNano.Client.FieldPairing;

/// <summary>Improv provisioning failed; <see cref="Error"/> is the device's error state.</summary>
public sealed class ImprovException(ImprovError error, string message) : Exception(message)
{
    public ImprovError Error { get; } = error;
}
