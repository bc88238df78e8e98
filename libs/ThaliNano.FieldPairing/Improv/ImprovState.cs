namespace ThaliNano.FieldPairing.Improv
{
    /// <summary>The Improv "Current State" characteristic's values (Improv BLE 2.x).</summary>
    public enum ImprovState
    {
        AuthorizationRequired = 0x01,
        Authorized = 0x02,
        Provisioning = 0x03,
        Provisioned = 0x04,
    }
}
