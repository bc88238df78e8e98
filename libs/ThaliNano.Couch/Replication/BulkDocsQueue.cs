using System;
using System.Collections;
using System.IO;
using ThaliNano.Couch.Json;
using ThaliNano.Store;

namespace ThaliNano.Couch.Replication
{
    /// <summary>
    /// The documents of one _bulk_docs request in arrival order: the first ones in RAM while their
    /// <see cref="ParsedDocument.Cost"/> fits the budget, every later one on a scratch file of the store
    /// (<see cref="SpilledDocument"/>). Taken back in the same order. Disposing deletes the scratch file.
    /// </summary>
    internal sealed class BulkDocsQueue : IDisposable
    {
        private readonly DocumentStore _store;
        private readonly int _ramBytes;
        private readonly ArrayList _held = new ArrayList();
        private int _heldCost;
        private int _count;
        private int _taken;
        private ScratchFile _spill;
        private MemoryStream _frame;
        private long _readPosition;

        public BulkDocsQueue(DocumentStore store, int ramBytes)
        {
            _store = store;
            _ramBytes = ramBytes;
        }

        /// <summary>Documents added.</summary>
        public int Count
        {
            get { return _count; }
        }

        /// <summary>Documents taken so far: the arrival index of the next one.</summary>
        public int Taken
        {
            get { return _taken; }
        }

        /// <summary>True once every added document was taken.</summary>
        public bool IsEmpty
        {
            get { return _taken == _count; }
        }

        /// <summary>True when some documents went to flash.</summary>
        public bool Spilled
        {
            get { return _spill != null; }
        }

        public void Add(ParsedDocument d)
        {
            if (_spill == null && _heldCost + d.Cost <= _ramBytes)
            {
                _held.Add(d);
                _heldCost += d.Cost;
            }
            else
            {
                if (_spill == null)
                {
                    _spill = _store.CreateScratchFile();
                    _frame = new MemoryStream();
                }

                SpilledDocument.Append(_spill, d, _frame);
            }

            _count++;
        }

        /// <summary>The next document in arrival order; throws when none is left.</summary>
        public ParsedDocument Take()
        {
            if (IsEmpty)
            {
                throw new InvalidOperationException("the queue is empty");
            }

            int index = _taken++;
            if (index < _held.Count)
            {
                ParsedDocument d = (ParsedDocument)_held[index];
                _held[index] = null;
                return d;
            }

            _frame = null;
            return SpilledDocument.Read(_spill, ref _readPosition);
        }

        public void Dispose()
        {
            if (_spill != null)
            {
                _spill.Dispose();
                _spill = null;
            }
        }
    }
}
