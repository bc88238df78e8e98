namespace ThaliNano.Ble
{
    /// <summary>
    /// The advertise-XOR-scan rule of nanoFramework's BLE stack: starting the watcher switches the stack to client mode
    /// and stops the GATT server, so a radio is a peripheral or a central at a time. Each activity claims its role and
    /// releases it when done; claiming the other role while any activity holds one is refused instead of silently
    /// stopping the first.
    /// </summary>
    public sealed class BleRoleGuard
    {
        private readonly object _lock = new object();
        private int _peripheralClaims;
        private int _centralClaims;

        public BleRole Role
        {
            get
            {
                lock (_lock)
                {
                    return _peripheralClaims > 0 ? BleRole.Peripheral : _centralClaims > 0 ? BleRole.Central : BleRole.Idle;
                }
            }
        }

        /// <param name="activity">What wants the role, for the refusal message, e.g. "scanning".</param>
        public void Claim(BleRole role, string activity)
        {
            lock (_lock)
            {
                if (role == BleRole.Peripheral)
                {
                    if (_centralClaims > 0)
                    {
                        throw new BleException(activity + " needs the peripheral role, but the radio is a central (scanning or connected out): stop those first");
                    }

                    _peripheralClaims++;
                }
                else if (role == BleRole.Central)
                {
                    if (_peripheralClaims > 0)
                    {
                        throw new BleException(activity + " needs the central role, but the radio is a peripheral (advertising or serving a connection): stop those first");
                    }

                    _centralClaims++;
                }
            }
        }

        public void Release(BleRole role)
        {
            lock (_lock)
            {
                if (role == BleRole.Peripheral && _peripheralClaims > 0)
                {
                    _peripheralClaims--;
                }
                else if (role == BleRole.Central && _centralClaims > 0)
                {
                    _centralClaims--;
                }
            }
        }
    }
}
