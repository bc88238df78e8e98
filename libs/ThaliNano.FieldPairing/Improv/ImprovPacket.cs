namespace ThaliNano.FieldPairing.Improv
{
    /// <summary>
    /// Improv's RPC framing: command, data length, data, checksum (the sum of all bytes before it, modulo 256).
    /// Commands and results alike; a result's data is a list of strings, each a length byte then its bytes.
    /// </summary>
    public static class ImprovPacket
    {
        public const int MaxDataLength = 255;

        /// <summary>The sum of bytes [0, count) modulo 256.</summary>
        public static byte Checksum(byte[] packet, int count)
        {
            int sum = 0;
            for (int i = 0; i < count; i++)
            {
                sum += packet[i];
            }

            return (byte)sum;
        }

        /// <summary>True when the packet is exactly command, length, that many bytes and a correct checksum.</summary>
        public static bool IsWellFormed(byte[] packet)
        {
            return packet != null && packet.Length >= 3 && packet.Length == packet[1] + 3
                && packet[packet.Length - 1] == Checksum(packet, packet.Length - 1);
        }

        /// <summary>A packet carrying a list of strings (each at most 255 bytes, 255 bytes in all).</summary>
        public static byte[] Encode(byte command, byte[][] strings)
        {
            int dataLength = 0;
            for (int i = 0; i < strings.Length; i++)
            {
                dataLength += 1 + strings[i].Length;
            }

            if (dataLength > MaxDataLength)
            {
                throw new System.ArgumentException("an Improv packet carries at most 255 bytes of data", "strings");
            }

            byte[] packet = new byte[dataLength + 3];
            packet[0] = command;
            packet[1] = (byte)dataLength;
            int at = 2;
            for (int i = 0; i < strings.Length; i++)
            {
                packet[at++] = (byte)strings[i].Length;
                System.Array.Copy(strings[i], 0, packet, at, strings[i].Length);
                at += strings[i].Length;
            }

            packet[at] = Checksum(packet, at);
            return packet;
        }
    }
}
