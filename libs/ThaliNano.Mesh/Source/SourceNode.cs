using System;
using System.Collections;
using System.Text;
using ThaliNano.Identity;
using ThaliNano.Mesh.Bundles;
using ThaliNano.Mesh.Contact;
using ThaliNano.Mesh.Receipts;
using ThaliNano.Mesh.Routing;
using ThaliNano.Mesh.Sealing;
using ThaliNano.Store;
using ThaliNano.Text;

namespace ThaliNano.Mesh.Source
{
    /// <summary>
    /// A sensor in the mesh (README, "Source"): source-only, it cuts bundles of its databases when a carrier asks,
    /// spreads spray copies by its routing policy, counts custody, re-issues bundles whose lifetime passed unreceipted,
    /// and frees delivered documents when an authentic receipt comes back. It keeps a compact index of its pending
    /// bundles (<see cref="PendingBundle"/>), not their bytes: an offer rebuilds a bundle from the database for its seq
    /// range. A rebuild may carry fewer documents than the first build: a document updated since has a later seq and
    /// travels in a later bundle, and one purged travels nowhere. That is safe because the receipt frees only the
    /// documents whose current seq is still in the range, which is exactly what either build carried. Thread-safe:
    /// one contact at a time works on the state.
    /// </summary>
    public sealed class SourceNode : IContactNode
    {
        /// <summary>The local document that ties a database to this node's state (<see cref="DatabaseSlot.Marker"/>).</summary>
        public const string MarkerId = "_local/thalinano-mesh";

        private readonly object _sync = new object();
        private readonly DocumentStore _store;
        private readonly SealKey _key;
        private readonly BundleSealer _sealer;
        private readonly IMeshStateStore _stateStore;
        private readonly IMeshClock _clock;
        private readonly IRandomSource _random;
        private readonly SourceOptions _options;
        private readonly Router _router;
        private readonly ReceiptLedger _ledger;
        private readonly BundleBuildOptions _buildOptions;
        private readonly byte[] _fingerprint;
        private readonly SourceState _state;
        private bool _dirty;
        private string _lastError;

        /// <summary>
        /// Loads the state from <paramref name="stateStore"/> (a state of another source/destination pair is replaced:
        /// its creation sequences mean nothing to this pair's destination). Throws <see cref="MeshStateException"/>
        /// when the record is corrupt, <see cref="ArgumentException"/> for bad options.
        /// </summary>
        public SourceNode(DocumentStore store, SealKey key, IRandomSource random, IMeshStateStore stateStore, IMeshClock clock, SourceOptions options)
        {
            if (store == null || key == null || random == null || stateStore == null || clock == null || options == null)
            {
                throw new ArgumentNullException(store == null ? "store" : key == null ? "key" : random == null ? "random"
                    : stateStore == null ? "stateStore" : clock == null ? "clock" : "options");
            }

            options.Validate();
            _store = store;
            _key = key;
            _sealer = new BundleSealer(key, random);
            _stateStore = stateStore;
            _clock = clock;
            _random = random;
            _options = options;
            IRoutingPolicy policy = options.Policy != null ? options.Policy : new SprayAndWaitPolicy(options.Copies);
            _router = new Router(key.Source, NodeRole.Sensor, policy);
            _ledger = new ReceiptLedger(key);
            _buildOptions = new BundleBuildOptions();
            _buildOptions.MaxBundleBytes = options.MaxBundleBytes;
            _buildOptions.LifetimeSeconds = options.LifetimeSeconds;
            _buildOptions.HopLimit = options.HopLimit;
            _buildOptions.Copies = policy.InitialCopies;
            _fingerprint = SourceState.Fingerprint(key.Source, key.Destination);
            byte[] record = stateStore.Load();
            _state = record == null ? null : SourceState.Decode(record, _fingerprint);
            if (_state == null)
            {
                _state = new SourceState();
            }

            for (int i = 0; i < options.Databases.Length; i++)
            {
                if (_state.SlotOf(options.Databases[i]) < 0)
                {
                    if (_state.Slots.Count == SourceOptions.MaxDatabases)
                    {
                        throw new ArgumentException("the mesh state already tracks " + SourceOptions.MaxDatabases.ToString()
                            + " databases; '" + options.Databases[i] + "' cannot be added", "options");
                    }

                    _state.Slots.Add(new DatabaseSlot(options.Databases[i]));
                }
            }
        }

        public PublicKeyId Id
        {
            get { return _key.Source; }
        }

        public NodeRole Role
        {
            get { return NodeRole.Sensor; }
        }

        public int MaxInboundFrameBytes
        {
            get { return _options.MaxInboundFrameBytes; }
        }

        public IRoutingPolicy Policy
        {
            get { return _router.Policy; }
        }

        /// <summary>For the beacon: bundles with copies to hand out, plus one when documents wait to be cut.</summary>
        public int BundlesWaiting
        {
            get
            {
                lock (_sync)
                {
                    int waiting = 0;
                    for (int i = 0; i < _state.Pending.Count; i++)
                    {
                        if (_state.Custody.CopiesLeft(((PendingBundle)_state.Pending[i]).CreationSequence) > 0)
                        {
                            waiting++;
                        }
                    }

                    return HasUncutDocuments() ? waiting + 1 : waiting;
                }
            }
        }

        /// <summary>A snapshot of the numbers for the status page.</summary>
        public SourceStatus Status
        {
            get
            {
                lock (_sync)
                {
                    SourceStatus status = new SourceStatus();
                    status.PendingBundles = _state.Pending.Count;
                    for (int i = 0; i < _state.Pending.Count; i++)
                    {
                        int left = _state.Custody.CopiesLeft(((PendingBundle)_state.Pending[i]).CreationSequence);
                        status.CopiesLeft += left;
                        status.CopiesOut += left < _buildOptions.Copies ? _buildOptions.Copies - left : 0;
                    }

                    status.LastCreationSequence = _state.LastCreationSequence;
                    status.ReceiptedBundles = _state.Receipted.ToString();
                    status.ReceiptedBundleCount = _state.Receipted.Count;
                    status.DocumentsPurged = _state.DocumentsPurged;
                    status.BytesFreed = _state.BytesFreed;
                    status.Contacts = _state.Contacts;
                    status.LastContact = _state.LastContact;
                    for (int i = 0; i < _state.Slots.Count && status.BlockedDocumentId == null; i++)
                    {
                        status.BlockedDocumentId = _state.Slot(i).BlockedDocumentId;
                    }

                    status.LastError = _lastError;
                    return status;
                }
            }
        }

        /// <summary>A sensor holds nobody's bundles: it tells peers nothing to skip.</summary>
        public ContactSummary Summarize()
        {
            return new ContactSummary();
        }

        /// <summary>None: a sensor's receipts are for itself.</summary>
        public byte[][] ReceiptsFor(Peer peer, ContactSummary peerSummary)
        {
            return new byte[0][];
        }

        /// <summary>Sensors are source-only: every bundle is refused.</summary>
        public BundleRejection Take(byte[] bundle, BundleHeader header, Peer from)
        {
            return BundleRejection.WrongDestination;
        }

        public CustodyAck[] PendingAcks(Peer peer)
        {
            return new CustodyAck[0];
        }

        public void AcksDelivered(Peer peer, CustodyAck[] acks)
        {
        }

        /// <summary>
        /// Counts the acknowledged copies as handed out (never more than were left). Saved with the next state write or
        /// <see cref="Flush"/>: an acknowledgement lost to a reboot only means a few more copies later.
        /// </summary>
        public void CustodyAcknowledged(Peer by, CustodyAck ack)
        {
            if (ack == null || ack.Source != _key.Source)
            {
                return;
            }

            lock (_sync)
            {
                int left = _state.Custody.CopiesLeft(ack.CreationSequence);
                int given = ack.Copies < left ? ack.Copies : left;
                if (given > 0)
                {
                    _state.Custody.Handed(ack.CreationSequence, given);
                    _dirty = true;
                }
            }
        }

        /// <summary>
        /// Offers <paramref name="peer"/> its share of every pending bundle it lacks, then cuts and offers new bundles
        /// (each persisted before it is offered) until the sink is full, <see cref="SourceOptions.MaxOfferBytes"/> were
        /// offered, nothing is new, or <see cref="SourceOptions.MaxPendingBundles"/> are pending. Expired bundles are
        /// re-issued first.
        /// </summary>
        public void Offer(Peer peer, ContactSummary peerSummary, IBundleSink sink)
        {
            if (peer == null || sink == null)
            {
                throw new ArgumentNullException(peer == null ? "peer" : "sink");
            }

            sink = new OfferBudget(sink, _options.MaxOfferBytes);
            lock (_sync)
            {
                long now = _clock.Now;
                _state.Contacts++;   // saved with the next write: a contact that changes nothing costs no flash write
                _state.LastContact = now;
                ForgetRecreatedDatabases();
                FinishPendingFree();
                if (!ReissueExpired(now))
                {
                    return;
                }

                ArrayList pending = (ArrayList)_state.Pending.Clone();
                for (int i = 0; i < pending.Count; i++)
                {
                    if (!OfferPending((PendingBundle)pending[i], peer, peerSummary, sink, now))
                    {
                        return;
                    }
                }

                bool cut = peer.Role != NodeRole.Sensor;
                while (cut)
                {
                    cut = false;
                    for (int i = 0; i < _state.Slots.Count && _state.Pending.Count < _options.MaxPendingBundles; i++)
                    {
                        if (IsBundled(_state.Slot(i).Name) && !CutAndOffer(i, peer, peerSummary, sink, now, ref cut))
                        {
                            return;
                        }
                    }
                }
            }
        }

        /// <summary>
        /// Applies a receipt a peer carried: only an authentic one (<see cref="ReceiptLedger.Apply"/>) changes anything.
        /// The receipted bundles' seq ranges become delivered, the state is saved, then the documents are freed per
        /// <see cref="SourceOptions.FreePolicy"/>. Never throws on bad bytes.
        /// </summary>
        public ReceiptRejection TakeReceipt(byte[] receipt, Peer from)
        {
            lock (_sync)
            {
                ReceiptRejection rejection = _ledger.Apply(receipt);
                if (rejection != ReceiptRejection.None)
                {
                    return rejection;
                }

                ForgetRecreatedDatabases();
                RangeSet[] delivered = new RangeSet[_state.Slots.Count];
                ArrayList pending = (ArrayList)_state.Pending.Clone();
                for (int i = 0; i < pending.Count; i++)
                {
                    PendingBundle p = (PendingBundle)pending[i];
                    if (_ledger.IsReceipted(p.CreationSequence))
                    {
                        if (delivered[p.Slot] == null)
                        {
                            delivered[p.Slot] = new RangeSet(RangeSet.MaxRangesLimit);
                        }

                        delivered[p.Slot].AddRange(p.FromSeq, p.ToSeq);
                        _state.Slot(p.Slot).Delivered.AddRange(p.FromSeq, p.ToSeq);
                        _state.Receipted.Add(p.CreationSequence);
                        Forget(p);
                    }
                }

                if (pending.Count == _state.Pending.Count)
                {
                    return ReceiptRejection.None;
                }

                _state.FreePending = _options.FreePolicy != FreePolicy.Keep;
                _dirty = true;
                if (TrySave() && _state.FreePending)
                {
                    Free(delivered);
                }

                return ReceiptRejection.None;
            }
        }

        /// <summary>Saves the custody counts changed since the last save (and the contact counters with them); false when saving failed (see the status).</summary>
        public bool Flush()
        {
            lock (_sync)
            {
                return !_dirty || TrySave();
            }
        }

        /// <summary>
        /// Purges every document still delivered, whatever the policy (the status page's "purge delivered" under
        /// <see cref="FreePolicy.Keep"/>), and compacts under <see cref="FreePolicy.PurgeAndCompact"/>. Returns the
        /// documents purged.
        /// </summary>
        public long FreeDelivered()
        {
            lock (_sync)
            {
                long before = _state.DocumentsPurged;
                RangeSet[] all = new RangeSet[_state.Slots.Count];
                for (int i = 0; i < all.Length; i++)
                {
                    all[i] = _state.Slot(i).Delivered;
                }

                Free(all);
                TrySave();
                return _state.DocumentsPurged - before;
            }
        }

        private bool OfferPending(PendingBundle p, Peer peer, ContactSummary peerSummary, IBundleSink sink, long now)
        {
            int left = _state.Custody.CopiesLeft(p.CreationSequence);
            if (left < 1 || Holds(peerSummary, p.CreationSequence))
            {
                return true;
            }

            string name = _state.Slot(p.Slot).Name;
            BundleHeader planned = BundleHeader.Create(_key.Source, p.CreationSequence, _key.Destination, name, p.FromSeq, p.ToSeq,
                p.CreationTime, _buildOptions.LifetimeSeconds, _buildOptions.HopLimit, left);
            Handover handover = _router.Offer(planned, left, peer, now);
            if (!handover.Offers)
            {
                return true;
            }

            BundleBuildResult rebuilt = Build(name, p.FromSeq - 1, p.ToSeq, p.CreationSequence, p.CreationTime);
            if (rebuilt == null)
            {
                return true;
            }

            if (rebuilt.Status == BundleBuildStatus.NothingNew)
            {
                // Every document of the range was updated (a later bundle carries it) or purged since: nothing to deliver.
                Forget(p);
                _dirty = true;
                return true;
            }

            if (rebuilt.Status != BundleBuildStatus.Built || rebuilt.Header.ToSeq != p.ToSeq)
            {
                _lastError = "bundle " + p.CreationSequence.ToString() + " of " + name + " no longer rebuilds for seqs "
                    + p.FromSeq.ToString() + "-" + p.ToSeq.ToString();
                return true;
            }

            return sink.Add(Router.Stamp(rebuilt.Bundle, rebuilt.Header, handover.Given, 0));
        }

        /// <summary>
        /// Cuts the next bundle of slot <paramref name="index"/> and offers it, setting <paramref name="cut"/> when there was
        /// one; false when the sink is full. A frame of its own, so that a bundle is unreachable once offered: the nanoCLR
        /// keeps a method's locals alive until it returns, and in the caller's loop the last bundle would still be held
        /// while the next is built.
        /// </summary>
        private bool CutAndOffer(int index, Peer peer, ContactSummary peerSummary, IBundleSink sink, long now, ref bool cut)
        {
            BundleBuildResult built = Cut(index, now);
            if (built == null)
            {
                return true;
            }

            cut = true;
            int copies = _state.Custody.CopiesLeft(built.Header.CreationSequence);
            Handover handover = Holds(peerSummary, built.Header.CreationSequence) ? new Handover(0, copies) : _router.Offer(built.Header, copies, peer, now);
            return !handover.Offers || sink.Add(Router.Stamp(built.Bundle, built.Header, handover.Given, 0));
        }

        /// <summary>Cuts the next bundle of the database in slot <paramref name="index"/> and saves the state before it may be offered; null when none.</summary>
        private BundleBuildResult Cut(int index, long now)
        {
            DatabaseSlot slot = _state.Slot(index);
            long sequence = _state.LastCreationSequence + 1;
            if (sequence > RangeSet.MaxValue)
            {
                _lastError = "the creation sequences are used up";
                return null;
            }

            if (slot.Marker == null)
            {
                PlaceMarker(slot);
            }

            BundleBuildResult built = Build(slot.Name, slot.LastBundledSeq, uint.MaxValue, sequence, now);
            if (built == null || built.Status == BundleBuildStatus.NothingNew)
            {
                return null;
            }

            if (built.Status == BundleBuildStatus.DocumentTooLarge)
            {
                slot.BlockedDocumentId = built.TooLargeDocumentId;
                return null;
            }

            slot.BlockedDocumentId = null;
            long previousSeq = slot.LastBundledSeq;
            PendingBundle p = new PendingBundle(sequence, index, built.Header.FromSeq, built.Header.ToSeq, now);
            _state.LastCreationSequence = sequence;   // kept even if the save fails: a number is never used twice
            slot.LastBundledSeq = built.NextSince;
            _state.Pending.Add(p);
            _state.Custody.Register(sequence, _buildOptions.Copies);
            if (!TrySave())
            {
                slot.LastBundledSeq = previousSeq;
                Forget(p);
                return null;
            }

            return built;
        }

        /// <summary>
        /// Gives every pending bundle whose lifetime passed a new creation sequence, the time now and fresh copies (its
        /// copies may sit with carriers that lost them or lied about custody), saved at once. False when saving failed.
        /// Without a clock nothing expires here.
        /// </summary>
        private bool ReissueExpired(long now)
        {
            if (now == DtnTime.Unknown)
            {
                return true;
            }

            ArrayList expired = new ArrayList();
            for (int i = 0; i < _state.Pending.Count; i++)
            {
                PendingBundle p = (PendingBundle)_state.Pending[i];
                if (p.CreationTime != DtnTime.Unknown && now - p.CreationTime > _buildOptions.LifetimeSeconds)
                {
                    expired.Add(p);
                }
            }

            if (expired.Count == 0)
            {
                return true;
            }

            long[] undo = new long[expired.Count * 3];
            for (int i = 0; i < expired.Count; i++)
            {
                PendingBundle p = (PendingBundle)expired[i];
                undo[3 * i] = p.CreationSequence;
                undo[(3 * i) + 1] = p.CreationTime;
                undo[(3 * i) + 2] = _state.Custody.CopiesLeft(p.CreationSequence);
                Forget(p);
                p.CreationSequence = ++_state.LastCreationSequence;
                p.CreationTime = now;
                _state.Pending.Add(p);
                _state.Custody.Register(p.CreationSequence, _buildOptions.Copies);
            }

            if (TrySave())
            {
                return true;
            }

            for (int i = 0; i < expired.Count; i++)
            {
                PendingBundle p = (PendingBundle)expired[i];
                Forget(p);
                p.CreationSequence = undo[3 * i];
                p.CreationTime = undo[(3 * i) + 1];
                Insert(p);
                _state.Custody.Register(p.CreationSequence, (int)undo[(3 * i) + 2]);
            }

            return false;
        }

        /// <summary>
        /// A database that lost its marker, or whose update seq is below what was bundled of it, was deleted and created
        /// again: its pending bundles and delivered seqs describe documents that are gone, and the new ones must never be
        /// freed by them.
        /// </summary>
        private void ForgetRecreatedDatabases()
        {
            for (int i = 0; i < _state.Slots.Count; i++)
            {
                DatabaseSlot slot = _state.Slot(i);
                Database db = Open(slot.Name);
                if (db == null || (db.GetInfo().UpdateSeq >= slot.LastBundledSeq && HasMarker(db, slot.Marker)))
                {
                    continue;
                }

                ArrayList pending = (ArrayList)_state.Pending.Clone();
                for (int k = 0; k < pending.Count; k++)
                {
                    if (((PendingBundle)pending[k]).Slot == i)
                    {
                        Forget((PendingBundle)pending[k]);
                    }
                }

                slot.LastBundledSeq = 0;
                slot.Delivered = new RangeSet(DatabaseSlot.MaxDeliveredRanges);
                slot.Marker = null;
                _dirty = true;
            }
        }

        /// <summary>A crash or a store failure interrupted freeing after a receipt: free every delivered range now.</summary>
        private void FinishPendingFree()
        {
            if (!_state.FreePending)
            {
                return;
            }

            RangeSet[] all = new RangeSet[_state.Slots.Count];
            for (int i = 0; i < all.Length; i++)
            {
                all[i] = _state.Slot(i).Delivered;
            }

            Free(all);
        }

        /// <summary>Purges (and, by the policy, compacts) per slot; clears FreePending when every slot succeeded.</summary>
        private void Free(RangeSet[] delivered)
        {
            bool failed = false;
            for (int i = 0; i < delivered.Length; i++)
            {
                if (delivered[i] == null || delivered[i].IsEmpty)
                {
                    continue;
                }

                Database db = Open(_state.Slot(i).Name);
                if (db == null)
                {
                    continue;
                }

                try
                {
                    SpaceReclaimer.Purge(db, delivered[i], _state);
                    if (_options.FreePolicy == FreePolicy.PurgeAndCompact)
                    {
                        SpaceReclaimer.CompactIfWorthIt(db, _options.CompactionThresholdBytes, _state);
                    }
                }
                catch (StoreException e)
                {
                    failed = true;
                    _lastError = "freeing delivered documents of " + _state.Slot(i).Name + " failed: " + e.Message;
                }
            }

            _state.FreePending = failed;
            _dirty = true;
        }

        /// <summary>
        /// Writes a fresh marker into the database; saved in the state with the bundle cut next. Left unplaced when the
        /// write fails (a full store): the seq check alone then guards the database.
        /// </summary>
        private void PlaceMarker(DatabaseSlot slot)
        {
            Database db = Open(slot.Name);
            if (db == null)
            {
                return;
            }

            byte[] marker = new byte[SourceState.MarkerBytes];
            _random.NextBytes(marker);
            try
            {
                LocalDocument current = db.GetLocal(MarkerId);
                db.PutLocal(MarkerId, current == null ? null : current.Rev, MarkerBody(marker));
                slot.Marker = marker;
            }
            catch (StoreException e)
            {
                _lastError = "marking " + slot.Name + " for the mesh failed: " + e.Message;
            }
        }

        /// <summary>True when no marker was placed, or the database still holds it (or cannot be read: the seq check stays).</summary>
        private bool HasMarker(Database db, byte[] marker)
        {
            if (marker == null)
            {
                return true;
            }

            LocalDocument current;
            try
            {
                current = db.GetLocal(MarkerId);
            }
            catch (StoreException e)
            {
                _lastError = "reading the mesh marker of " + db.Name + " failed: " + e.Message;
                return true;
            }

            byte[] expected = MarkerBody(marker);
            if (current == null || current.Body.Length != expected.Length)
            {
                return false;
            }

            for (int i = 0; i < expected.Length; i++)
            {
                if (current.Body[i] != expected[i])
                {
                    return false;
                }
            }

            return true;
        }

        private static byte[] MarkerBody(byte[] marker)
        {
            return Encoding.UTF8.GetBytes("{\"mesh\":\"" + Hex.Encode(marker) + "\"}");
        }

        private bool IsBundled(string database)
        {
            for (int i = 0; i < _options.Databases.Length; i++)
            {
                if (_options.Databases[i] == database)
                {
                    return true;
                }
            }

            return false;
        }

        private bool HasUncutDocuments()
        {
            for (int i = 0; i < _state.Slots.Count; i++)
            {
                DatabaseSlot slot = _state.Slot(i);
                Database db = IsBundled(slot.Name) ? Open(slot.Name) : null;
                if (db != null && db.GetInfo().UpdateSeq > slot.LastBundledSeq)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The floor a bundle numbered <paramref name="creationSequence"/> carries: the lowest creation sequence still
        /// pending, or the bundle's own. Every number below it was receipted or is never sent again (re-issued, emptied,
        /// burnt), which lets the destination's receipts cover the holes those leave.
        /// </summary>
        private long SettledBelow(long creationSequence)
        {
            long floor = creationSequence;
            for (int i = 0; i < _state.Pending.Count; i++)
            {
                long pending = ((PendingBundle)_state.Pending[i]).CreationSequence;
                if (pending < floor)
                {
                    floor = pending;
                }
            }

            return floor;
        }

        private BundleBuildResult Build(string database, long since, long untilSeq, long creationSequence, long creationTime)
        {
            Database db = Open(database);
            if (db == null)
            {
                return null;
            }

            try
            {
                return new BundleBuilder(db, _sealer, _buildOptions).Build(since, untilSeq, creationSequence, creationTime, SettledBelow(creationSequence));
            }
            catch (StoreException e)
            {
                _lastError = "reading " + database + " failed: " + e.Message;
                return null;
            }
        }

        private Database Open(string database)
        {
            try
            {
                return _store.DatabaseExists(database) ? _store.OpenDatabase(database) : null;
            }
            catch (StoreException e)
            {
                _lastError = "opening " + database + " failed: " + e.Message;
                return null;
            }
        }

        private bool Holds(ContactSummary summary, long creationSequence)
        {
            return summary != null && summary.Contains(_key.Source, creationSequence);
        }

        private void Forget(PendingBundle p)
        {
            _state.Pending.Remove(p);
            RangeSet one = new RangeSet(1);
            one.Add(p.CreationSequence);
            _state.Custody.Receipted(one);
        }

        /// <summary>Puts a bundle back in creation sequence order.</summary>
        private void Insert(PendingBundle p)
        {
            int at = 0;
            while (at < _state.Pending.Count && ((PendingBundle)_state.Pending[at]).CreationSequence < p.CreationSequence)
            {
                at++;
            }

            _state.Pending.Insert(at, p);
        }

        private bool TrySave()
        {
            try
            {
                _stateStore.Save(_state.Encode(_fingerprint));
                _dirty = false;
                return true;
            }
            catch (Exception e)
            {
                _lastError = "saving the mesh state failed: " + e.Message;
                return false;
            }
        }
    }
}
