namespace ThaliNano.Sensors.Sampling
{
    /// <summary>Writes a value in hundredths as a JSON number with two decimals (-5 → "-0.05", 2153 → "21.53") without allocating.</summary>
    public static class FixedPoint
    {
        /// <summary>The longest text: a sign, 17 integer digits, a point and two decimals.</summary>
        public const int MaxLength = 21;

        /// <summary>Writes into <paramref name="into"/> from index 0 and returns the count.</summary>
        public static int Format(long hundredths, byte[] into)
        {
            ArgumentChecks.Range(into, 0, MaxLength);
            ulong magnitude = hundredths < 0 ? (ulong)(-(hundredths + 1)) + 1 : (ulong)hundredths;
            int count = 0;
            if (hundredths < 0)
            {
                into[count++] = (byte)'-';
            }

            ulong whole = magnitude / 100;
            int digits = 1;
            for (ulong rest = whole / 10; rest != 0; rest /= 10)
            {
                digits++;
            }

            for (int i = count + digits - 1; i >= count; i--)
            {
                into[i] = (byte)('0' + (int)(whole % 10));
                whole /= 10;
            }

            count += digits;
            int fraction = (int)(magnitude % 100);
            into[count++] = (byte)'.';
            into[count++] = (byte)('0' + fraction / 10);
            into[count++] = (byte)('0' + fraction % 10);
            return count;
        }
    }
}
