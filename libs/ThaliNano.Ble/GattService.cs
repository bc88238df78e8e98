using System;
using System.Collections;

namespace ThaliNano.Ble
{
    /// <summary>A local primary GATT service: a UUID and its characteristics, added before the server starts advertising.</summary>
    public sealed class GattService
    {
        private readonly ArrayList _characteristics = new ArrayList();

        public GattService(Guid uuid)
        {
            Uuid = uuid;
        }

        public Guid Uuid { get; }

        public GattCharacteristic[] Characteristics => (GattCharacteristic[])_characteristics.ToArray(typeof(GattCharacteristic));

        /// <returns>The characteristic added, for chaining.</returns>
        public GattCharacteristic Add(GattCharacteristic characteristic)
        {
            if (characteristic == null)
            {
                throw new ArgumentNullException("characteristic");
            }

            if (Find(characteristic.Uuid) != null)
            {
                throw new ArgumentException("the service already has characteristic " + characteristic.Uuid);
            }

            _characteristics.Add(characteristic);
            return characteristic;
        }

        /// <returns>Null when the service has no such characteristic.</returns>
        public GattCharacteristic Find(Guid uuid)
        {
            for (int i = 0; i < _characteristics.Count; i++)
            {
                GattCharacteristic characteristic = (GattCharacteristic)_characteristics[i];
                if (characteristic.Uuid.Equals(uuid))
                {
                    return characteristic;
                }
            }

            return null;
        }
    }
}
