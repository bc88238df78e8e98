using System;

namespace ThaliNano.Store.Index
{
    /// <summary>An index file failed its CRC or structure check. The index is derived from the log: the database rebuilds it.</summary>
    internal sealed class IndexDamagedException : Exception
    {
        public IndexDamagedException(string path)
            : base("index file damaged: " + path)
        {
        }
    }
}
