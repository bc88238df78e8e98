using System;

namespace ThaliNano.Sensors.Sampling
{
    /// <summary>
    /// How often to sample for a battery level. With B the base interval and p the charge in percent:
    /// p ≥ 50: B; 20 ≤ p &lt; 50: B × (60 − p) / 10, stretching linearly from 1× at 50 % to 4× at 20 %;
    /// floor ≤ p &lt; 20, or p unknown: 8 × B; p &lt; floor: no sampling, the battery is checked again every 8 × B
    /// and sampling resumes at floor + 5 % (the margin keeps a sagging cell from toggling it).
    /// </summary>
    public sealed class DutyCyclePolicy
    {
        public const int FullRatePercent = 50;
        public const int StretchEndPercent = 20;
        public const int LowBatteryFactor = 8;
        public const int ResumeMarginPercent = 5;

        /// <summary>A day: the longest base interval, so that 8 × B in milliseconds fits an int.</summary>
        public const int MaxBaseIntervalSeconds = 86400;

        public DutyCyclePolicy(int baseIntervalSeconds, int floorPercent)
        {
            if (baseIntervalSeconds < 1 || baseIntervalSeconds > MaxBaseIntervalSeconds)
            {
                throw new ArgumentOutOfRangeException("baseIntervalSeconds", "the base interval must be 1 to 86400 seconds");
            }

            if (floorPercent < 0 || floorPercent >= StretchEndPercent)
            {
                throw new ArgumentOutOfRangeException("floorPercent", "the floor must be 0 to 19 percent");
            }

            BaseIntervalSeconds = baseIntervalSeconds;
            FloorPercent = floorPercent;
        }

        public int BaseIntervalSeconds { get; private set; }

        public int FloorPercent { get; private set; }

        public int ResumePercent
        {
            get { return FloorPercent + ResumeMarginPercent; }
        }

        /// <summary>While stopped below the floor: how long until the battery is looked at again.</summary>
        public int RecheckMilliseconds
        {
            get { return LowBatteryFactor * BaseIntervalSeconds * 1000; }
        }

        /// <summary>The interval after a sampling cycle at this charge (the caller has checked the floor).</summary>
        public int IntervalMilliseconds(int percent)
        {
            if (!IsKnown(percent) || percent < StretchEndPercent)
            {
                return LowBatteryFactor * BaseIntervalSeconds * 1000;
            }

            if (percent >= FullRatePercent)
            {
                return BaseIntervalSeconds * 1000;
            }

            return BaseIntervalSeconds * 100 * (60 - percent);
        }

        /// <summary>A known charge under the floor: sampling stops. An unknown charge does not stop it.</summary>
        public bool IsBelowFloor(int percent)
        {
            return IsKnown(percent) && percent < FloorPercent;
        }

        public bool AllowsResume(int percent)
        {
            return IsKnown(percent) && percent >= ResumePercent;
        }

        public static bool IsKnown(int percent)
        {
            return percent >= 0 && percent <= 100;
        }
    }
}
