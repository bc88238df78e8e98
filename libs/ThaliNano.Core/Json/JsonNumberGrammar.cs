namespace ThaliNano.Json
{
    /// <summary>
    /// The number grammar of RFC 8259 section 6 as a state machine over characters, shared by the reader (which
    /// feeds it bytes as they arrive) and the writer (which validates number text it is given).
    /// </summary>
    internal static class JsonNumberGrammar
    {
        public const int Start = 0;

        /// <summary>Returned by <see cref="Next"/> when the character cannot continue the number and the number is bad.</summary>
        public const int Invalid = -1;

        /// <summary>Returned by <see cref="Next"/> when the number is complete and the character belongs to what follows.</summary>
        public const int End = -2;

        private const int Minus = 1;
        private const int Zero = 2;
        private const int Integer = 3;
        private const int Point = 4;
        private const int Fraction = 5;
        private const int Exponent = 6;
        private const int ExponentSign = 7;
        private const int ExponentDigits = 8;

        public static int Next(int state, int c)
        {
            bool digit = c >= '0' && c <= '9';
            switch (state)
            {
                case Start:
                    return c == '-' ? Minus : c == '0' ? Zero : digit ? Integer : Invalid;
                case Minus:
                    return c == '0' ? Zero : digit ? Integer : Invalid;
                case Zero:
                    return digit ? Invalid : AfterInteger(c);
                case Integer:
                    return digit ? Integer : AfterInteger(c);
                case Point:
                    return digit ? Fraction : Invalid;
                case Fraction:
                    return digit ? Fraction : c == 'e' || c == 'E' ? Exponent : End;
                case Exponent:
                    return c == '+' || c == '-' ? ExponentSign : digit ? ExponentDigits : Invalid;
                case ExponentSign:
                    return digit ? ExponentDigits : Invalid;
                default:
                    return digit ? ExponentDigits : End;
            }
        }

        public static bool IsComplete(int state)
        {
            return state == Zero || state == Integer || state == Fraction || state == ExponentDigits;
        }

        /// <summary>Why a number in this state cannot take the next character, or cannot end here.</summary>
        public static string Problem(int state)
        {
            switch (state)
            {
                case Minus:
                    return "expected a digit after '-'";
                case Zero:
                    return "leading zeros are not allowed";
                case Point:
                    return "expected a digit after the decimal point";
                case Exponent:
                    return "expected a sign or digit in the exponent";
                case ExponentSign:
                    return "expected a digit in the exponent";
                default:
                    return "expected a digit or '-'";
            }
        }

        private static int AfterInteger(int c)
        {
            return c == '.' ? Point : c == 'e' || c == 'E' ? Exponent : End;
        }
    }
}
