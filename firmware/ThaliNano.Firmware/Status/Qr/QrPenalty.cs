namespace ThaliNano.Firmware.Status.Qr
{
    /// <summary>
    /// The mask penalty of ISO/IEC 18004 section 7.8.3: runs of five or more same-coloured modules in a row or column
    /// (3 + length - 5 each), 2 x 2 blocks of one colour (3 each), finder-like 1:1:3:1:1 patterns with four light
    /// modules on one side (40 each), and dark modules away from half (10 per 5 %).
    /// </summary>
    internal static class QrPenalty
    {
        public static int Of(bool[] dark, int size)
        {
            int penalty = 0;
            int darkCount = 0;
            for (int a = 0; a < size; a++)
            {
                penalty += Line(dark, size, a, true) + Line(dark, size, a, false);
                for (int b = 0; b < size; b++)
                {
                    if (dark[(a * size) + b])
                    {
                        darkCount++;
                    }

                    if (a + 1 < size && b + 1 < size)
                    {
                        bool c = dark[(a * size) + b];
                        if (c == dark[(a * size) + b + 1] && c == dark[((a + 1) * size) + b] && c == dark[((a + 1) * size) + b + 1])
                        {
                            penalty += 3;
                        }
                    }
                }
            }

            int total = size * size;
            int deviation = (darkCount * 20) - (total * 10);
            if (deviation < 0)
            {
                deviation = -deviation;
            }

            return penalty + ((((deviation + total - 1) / total) - 1) * 10);
        }

        // Row a (or column a): runs and finder-like patterns.
        private static int Line(bool[] dark, int size, int a, bool row)
        {
            int penalty = 0;
            int run = 0;
            bool previous = false;
            for (int b = 0; b < size; b++)
            {
                bool c = At(dark, size, a, b, row);
                if (b > 0 && c == previous)
                {
                    run++;
                }
                else
                {
                    penalty += RunPenalty(run);
                    run = 1;
                    previous = c;
                }

                if (b + 7 <= size && FinderLike(dark, size, a, b, row)
                    && (LightRun(dark, size, a, b - 4, row) || LightRun(dark, size, a, b + 7, row)))
                {
                    penalty += 40;
                }
            }

            return penalty + RunPenalty(run);
        }

        private static int RunPenalty(int run)
        {
            return run >= 5 ? run - 2 : 0;
        }

        // Dark, light, dark x3, light, dark from b on.
        private static bool FinderLike(bool[] dark, int size, int a, int b, bool row)
        {
            return At(dark, size, a, b, row) && !At(dark, size, a, b + 1, row) && At(dark, size, a, b + 2, row)
                && At(dark, size, a, b + 3, row) && At(dark, size, a, b + 4, row) && !At(dark, size, a, b + 5, row)
                && At(dark, size, a, b + 6, row);
        }

        // Four light modules from b on, all inside the symbol.
        private static bool LightRun(bool[] dark, int size, int a, int b, bool row)
        {
            if (b < 0 || b + 4 > size)
            {
                return false;
            }

            for (int i = b; i < b + 4; i++)
            {
                if (At(dark, size, a, i, row))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool At(bool[] dark, int size, int a, int b, bool row)
        {
            return row ? dark[(a * size) + b] : dark[(b * size) + a];
        }
    }
}
