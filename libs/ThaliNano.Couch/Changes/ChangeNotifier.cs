using System.Collections;
using System.Threading;

namespace ThaliNano.Couch.Changes
{
    /// <summary>
    /// Wakes waiting _changes feeds after a write through the handler (any database: a woken feed checks its own).
    /// Writes that bypass the handler are found by the feeds' periodic poll instead.
    /// </summary>
    internal sealed class ChangeNotifier
    {
        private readonly object _sync = new object();
        private readonly ArrayList _waiters = new ArrayList();

        public AutoResetEvent Register()
        {
            AutoResetEvent e = new AutoResetEvent(false);
            lock (_sync)
            {
                _waiters.Add(e);
            }

            return e;
        }

        public void Unregister(AutoResetEvent e)
        {
            lock (_sync)
            {
                _waiters.Remove(e);
            }
        }

        public void Notify()
        {
            lock (_sync)
            {
                for (int i = 0; i < _waiters.Count; i++)
                {
                    ((AutoResetEvent)_waiters[i]).Set();
                }
            }
        }
    }
}
