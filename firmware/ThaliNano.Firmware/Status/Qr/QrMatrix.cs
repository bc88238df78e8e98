namespace ThaliNano.Firmware.Status.Qr
{
    /// <summary>
    /// The module grid while a <see cref="QrCode"/> is built: function patterns (finders, timing, alignment, format and
    /// version areas), the codewords in their zigzag, and the mask.
    /// </summary>
    internal sealed class QrMatrix
    {
        private readonly int _version;
        private readonly int _size;
        private readonly bool[] _dark;
        private readonly bool[] _function;

        public QrMatrix(int version)
        {
            _version = version;
            _size = SizeOf(version);
            _dark = new bool[_size * _size];
            _function = new bool[_size * _size];
            DrawFunctionPatterns();
        }

        public bool[] Dark
        {
            get { return _dark; }
        }

        public static int SizeOf(int version)
        {
            return (version * 4) + 17;
        }

        /// <summary>Codewords (data and error correction) the version holds: its modules less the function patterns, in bytes.</summary>
        public static int RawCodewords(int version)
        {
            int bits = (((16 * version) + 128) * version) + 64;
            if (version >= 2)
            {
                int alignments = (version / 7) + 2;
                bits -= (((25 * alignments) - 10) * alignments) - 55;
                if (version >= 7)
                {
                    bits -= 36;
                }
            }

            return bits / 8;
        }

        /// <summary>Places the codewords from the bottom right, two columns at a time, up and down in turn.</summary>
        public void PlaceData(byte[] codewords)
        {
            int i = 0;
            int total = codewords.Length * 8;
            for (int right = _size - 1; right >= 1; right -= 2)
            {
                if (right == 6)
                {
                    right = 5;
                }

                bool upward = ((right + 1) & 2) == 0;
                for (int vertical = 0; vertical < _size; vertical++)
                {
                    int y = upward ? _size - 1 - vertical : vertical;
                    for (int j = 0; j < 2; j++)
                    {
                        int at = (y * _size) + right - j;
                        if (!_function[at] && i < total)
                        {
                            _dark[at] = ((codewords[i >> 3] >> (7 - (i & 7))) & 1) != 0;
                            i++;
                        }
                    }
                }
            }
        }

        /// <summary>Tries the eight masks and keeps the one of least penalty, with its format bits.</summary>
        public void ApplyBestMask()
        {
            int best = 0;
            int bestPenalty = int.MaxValue;
            for (int mask = 0; mask < 8; mask++)
            {
                ApplyMask(mask);
                DrawFormatBits(mask);
                int penalty = QrPenalty.Of(_dark, _size);
                if (penalty < bestPenalty)
                {
                    best = mask;
                    bestPenalty = penalty;
                }

                ApplyMask(mask);
            }

            ApplyMask(best);
            DrawFormatBits(best);
        }

        private void ApplyMask(int mask)
        {
            for (int y = 0; y < _size; y++)
            {
                for (int x = 0; x < _size; x++)
                {
                    int at = (y * _size) + x;
                    if (!_function[at] && Inverts(mask, x, y))
                    {
                        _dark[at] = !_dark[at];
                    }
                }
            }
        }

        private static bool Inverts(int mask, int x, int y)
        {
            switch (mask)
            {
                case 0: return (x + y) % 2 == 0;
                case 1: return y % 2 == 0;
                case 2: return x % 3 == 0;
                case 3: return (x + y) % 3 == 0;
                case 4: return ((x / 3) + (y / 2)) % 2 == 0;
                case 5: return ((x * y) % 2) + ((x * y) % 3) == 0;
                case 6: return (((x * y) % 2) + ((x * y) % 3)) % 2 == 0;
                default: return (((x + y) % 2) + ((x * y) % 3)) % 2 == 0;
            }
        }

        private void DrawFunctionPatterns()
        {
            for (int i = 0; i < _size; i++)
            {
                Set(6, i, i % 2 == 0);
                Set(i, 6, i % 2 == 0);
            }

            DrawFinder(3, 3);
            DrawFinder(_size - 4, 3);
            DrawFinder(3, _size - 4);
            DrawAlignments();
            DrawFormatBits(0);
            DrawVersionBits();
        }

        // A finder with its separator: rings at distance 0-1 and 3 dark, 2 and 4 light.
        private void DrawFinder(int cx, int cy)
        {
            for (int dy = -4; dy <= 4; dy++)
            {
                for (int dx = -4; dx <= 4; dx++)
                {
                    int x = cx + dx;
                    int y = cy + dy;
                    int distance = Max(Abs(dx), Abs(dy));
                    if (x >= 0 && x < _size && y >= 0 && y < _size)
                    {
                        Set(x, y, distance != 2 && distance != 4);
                    }
                }
            }
        }

        // Alignment patterns at every pair of centre positions except the three finder corners.
        private void DrawAlignments()
        {
            if (_version == 1)
            {
                return;
            }

            int count = (_version / 7) + 2;
            int step = (((_version * 4) + (count * 2) + 1) / ((count * 2) - 2)) * 2;
            int[] positions = new int[count];
            positions[0] = 6;
            for (int i = count - 1, position = _size - 7; i >= 1; i--, position -= step)
            {
                positions[i] = position;
            }

            for (int i = 0; i < count; i++)
            {
                for (int j = 0; j < count; j++)
                {
                    bool corner = (i == 0 && j == 0) || (i == 0 && j == count - 1) || (i == count - 1 && j == 0);
                    if (!corner)
                    {
                        for (int dy = -2; dy <= 2; dy++)
                        {
                            for (int dx = -2; dx <= 2; dx++)
                            {
                                Set(positions[i] + dx, positions[j] + dy, Max(Abs(dx), Abs(dy)) != 1);
                            }
                        }
                    }
                }
            }
        }

        // Level M (format bits 00) and the mask, BCH(15,5) protected, XORed with 101010000010010, in both copies.
        private void DrawFormatBits(int mask)
        {
            int data = mask;
            int remainder = data;
            for (int i = 0; i < 10; i++)
            {
                remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537);
            }

            int bits = ((data << 10) | remainder) ^ 0x5412;
            for (int i = 0; i <= 5; i++)
            {
                Set(8, i, Bit(bits, i));
            }

            Set(8, 7, Bit(bits, 6));
            Set(8, 8, Bit(bits, 7));
            Set(7, 8, Bit(bits, 8));
            for (int i = 9; i < 15; i++)
            {
                Set(14 - i, 8, Bit(bits, i));
            }

            for (int i = 0; i < 8; i++)
            {
                Set(_size - 1 - i, 8, Bit(bits, i));
            }

            for (int i = 8; i < 15; i++)
            {
                Set(8, _size - 15 + i, Bit(bits, i));
            }

            Set(8, _size - 8, true);
        }

        // Versions 7 and up: the version number, BCH(18,6) protected, in two 6 x 3 blocks.
        private void DrawVersionBits()
        {
            if (_version < 7)
            {
                return;
            }

            int remainder = _version;
            for (int i = 0; i < 12; i++)
            {
                remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25);
            }

            int bits = (_version << 12) | remainder;
            for (int i = 0; i < 18; i++)
            {
                int a = _size - 11 + (i % 3);
                int b = i / 3;
                Set(a, b, Bit(bits, i));
                Set(b, a, Bit(bits, i));
            }
        }

        private void Set(int x, int y, bool dark)
        {
            int at = (y * _size) + x;
            _dark[at] = dark;
            _function[at] = true;
        }

        private static bool Bit(int value, int i)
        {
            return ((value >> i) & 1) != 0;
        }

        private static int Abs(int value)
        {
            return value < 0 ? -value : value;
        }

        private static int Max(int a, int b)
        {
            return a > b ? a : b;
        }
    }
}
