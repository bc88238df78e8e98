using System;

namespace ThaliNano.Store.Revisions
{
    /// <summary>
    /// The revision tree of one document, as CouchDB keeps it: revisions linked to their parents, possibly several
    /// roots (after stemming, or after a replicator sent an unrelated history), a deleted flag per revision (only
    /// the leaves' flags matter). Nodes live in parallel arrays (about 23 bytes per revision), ordered so that a
    /// parent always comes before its children. Not thread-safe.
    /// </summary>
    public sealed partial class RevisionTree
    {
        /// <summary>Most revisions one tree may hold (CouchDB's default revs_limit is 1000).</summary>
        public const int MaxNodes = 1024;

        /// <summary>
        /// Most leaves (live and deleted branches) one tree may hold: the ceiling of the store's own, lower, cap
        /// (<c>StoreOptions.MaxLeaves</c>, 128 on the device), which it checks before writing.
        /// </summary>
        public const int MaxLeaves = 512;

        /// <summary>Timestamp of a leaf whose body has none: loses to every leaf that has one.</summary>
        public const long NoTimestamp = long.MinValue;

        private const int FlagDeleted = 1;
        private const int FlagRawId = 2;
        private const int FlagHasChildren = 4;
        private const int HashLength = RevisionIds.BinaryLength;

        private static readonly byte[] s_emptyBody = new byte[0];

        private int _count;
        private byte[] _hashes;
        private int[] _generations;
        private short[] _parents;
        private byte[] _flags;
        private byte[][] _rawIds;
        private int[] _leaves;
        private int _leafCount;

        /// <summary>Number of revisions in the tree.</summary>
        public int NodeCount
        {
            get { return _count; }
        }

        public int LeafCount
        {
            get { return _leafCount; }
        }

        public bool IsEmpty
        {
            get { return _count == 0; }
        }

        /// <summary>The winning revision (non-deleted beats deleted, then higher N, then higher hash); None when empty.</summary>
        public Revision Winner
        {
            get { return _leafCount == 0 ? Revision.None : NodeRevision(_leaves[0]); }
        }

        /// <summary>True when the winning leaf is deleted: the document is deleted.</summary>
        public bool IsDeleted
        {
            get { return _leafCount > 0 && IsNodeDeleted(_leaves[0]); }
        }

        /// <summary>Leaves in CouchDB order: the winner first, then live leaves, then deleted ones, each by descending revision.</summary>
        public Revision GetLeaf(int index)
        {
            return NodeRevision(_leaves[CheckLeafIndex(index)]);
        }

        public bool IsLeafDeleted(int index)
        {
            return IsNodeDeleted(_leaves[CheckLeafIndex(index)]);
        }

        public Revision[] GetLeaves()
        {
            return CollectLeaves(0, 0, 0);
        }

        /// <summary>"_conflicts": the live leaves other than the winner.</summary>
        public Revision[] GetConflicts()
        {
            return CollectLeaves(1, FlagDeleted, 0);
        }

        /// <summary>"_deleted_conflicts": the deleted leaves other than the winner.</summary>
        public Revision[] GetDeletedConflicts()
        {
            return CollectLeaves(1, FlagDeleted, FlagDeleted);
        }

        /// <summary>Every revision of the tree, parents before children.</summary>
        public Revision[] GetRevisions()
        {
            Revision[] result = new Revision[_count];
            for (int i = 0; i < _count; i++)
            {
                result[i] = NodeRevision(i);
            }

            return result;
        }

        public bool Contains(Revision revision)
        {
            return IndexOf(revision) >= 0;
        }

        public bool IsLeaf(Revision revision)
        {
            int i = IndexOf(revision);
            return i >= 0 && !HasChildren(i);
        }

        /// <summary>The deleted flag stored with a revision (false when unknown).</summary>
        public bool IsRevisionDeleted(Revision revision)
        {
            int i = IndexOf(revision);
            return i >= 0 && IsNodeDeleted(i);
        }

        /// <summary>
        /// An interactive edit (new_edits=true) of the leaf <paramref name="parent"/>; returns the new revision,
        /// <see cref="Revision.Compute(Revision, bool, byte[], int, int)"/> of parent, deleted and body.
        /// Without parent the document must be new or deleted: a deleted document is recreated as a child of its
        /// winning tombstone, as CouchDB and PouchDB do. Anything else throws <see cref="RevisionConflictException"/>.
        /// </summary>
        public Revision AddEdit(Revision parent, bool hasParent, bool deleted, byte[] body, int offset, int count)
        {
            int parentIndex;
            if (hasParent)
            {
                if (parent.IsNone)
                {
                    throw new ArgumentException("hasParent needs a parent revision", "parent");
                }

                parentIndex = IndexOf(parent);
                if (parentIndex < 0 || HasChildren(parentIndex))
                {
                    throw new RevisionConflictException("Document update conflict: " + parent.ToString() + " is not a leaf");
                }
            }
            else if (_leafCount == 0)
            {
                parentIndex = -1;
            }
            else if (IsDeleted)
            {
                parentIndex = _leaves[0];
            }
            else
            {
                throw new RevisionConflictException("Document update conflict: the document exists");
            }

            Revision revision = AddChild(parentIndex, deleted, body, offset, count);
            RefreshLeaves();
            return revision;
        }

        /// <summary>An interactive edit without parent revision: see <see cref="AddEdit(Revision, bool, bool, byte[], int, int)"/>.</summary>
        public Revision AddEdit(bool deleted, byte[] body, int offset, int count)
        {
            return AddEdit(Revision.None, false, deleted, body, offset, count);
        }

        /// <summary>
        /// A replicated edit (new_edits=false): inserts the "_revisions" path, leaf first. Returns false (and changes
        /// nothing) when the leaf is already present. A path that overlaps the tree extends it there, re-attaching
        /// ancestors stemmed earlier as CouchDB does; a path without overlap starts a new root (a conflict).
        /// The leaf's deleted flag is <paramref name="deleted"/>. Never a conflict error; call <see cref="Stem"/> after it.
        /// </summary>
        public bool Merge(Revision[] historyNewestFirst, bool deleted)
        {
            Revision[] history = historyNewestFirst;
            if (history == null || history.Length == 0)
            {
                throw new ArgumentException("the history needs at least one revision", "historyNewestFirst");
            }

            int m = history.Length;
            int top = history[0].Generation;
            for (int k = 0; k < m; k++)
            {
                if (history[k].IsNone || history[k].Generation != top - k)
                {
                    throw new ArgumentException("history generations must count down by one from the leaf", "historyNewestFirst");
                }
            }

            if (IndexOf(history[0]) >= 0)
            {
                return false;
            }

            // One pass finds every path revision already present: the path holds one revision per generation.
            int[] found = new int[m];
            for (int k = 0; k < m; k++)
            {
                found[k] = -1;
            }

            int missing = m;
            for (int i = 0; i < _count; i++)
            {
                int k = top - _generations[i];
                if (k > 0 && k < m && found[k] < 0 && NodeIdEquals(i, history[k]))
                {
                    found[k] = i;
                    missing--;
                }
            }

            int overlap = 1;
            while (overlap < m && found[overlap] < 0)
            {
                overlap++;
            }

            bool extendsLeaf = overlap < m && !HasChildren(found[overlap]);
            CheckRoom(missing, extendsLeaf ? 0 : 1);

            bool reorder = false;
            int below = -1;
            if (overlap < m)
            {
                below = found[overlap];
                reorder = AttachAncestors(history, found, overlap);
            }

            for (int k = overlap - 1; k >= 0; k--)
            {
                AppendNode(history[k], below, k == 0 && deleted);
                below = _count - 1;
            }

            if (reorder)
            {
                SortByGeneration();
            }

            RefreshLeaves();
            return true;
        }

        /// <summary>
        /// Keeps only the revisions within <paramref name="revsLimit"/> of a leaf (leaf = 1), as CouchDB's
        /// couch_key_tree:stem does: a kept revision whose parent goes becomes a root, so a tree may split.
        /// Leaves are never removed.
        /// </summary>
        public void Stem(int revsLimit)
        {
            if (revsLimit < 1)
            {
                throw new ArgumentOutOfRangeException("revsLimit", "revsLimit must be at least 1");
            }

            if (_count <= revsLimit)
            {
                return;
            }

            if (_leafCount == 1)
            {
                // One leaf: the tree is one path, stored in path order. Keep its last revsLimit revisions.
                int cut = _count - revsLimit;
                for (int i = cut; i < _count; i++)
                {
                    MoveNode(i, i - cut, i == cut ? -1 : _parents[i] - cut);
                }

                ClearFrom(revsLimit);
                _count = revsLimit;
                _leaves[0] -= cut;
                return;
            }

            // Distance to the nearest leaf; children come after their parent, so one backward pass suffices.
            int[] map = new int[_count];
            for (int i = 0; i < _count; i++)
            {
                map[i] = HasChildren(i) ? int.MaxValue : 0;
            }

            bool stems = false;
            for (int i = _count - 1; i >= 0; i--)
            {
                int p = _parents[i];
                if (p >= 0 && map[i] + 1 < map[p])
                {
                    map[p] = map[i] + 1;
                }

                stems = stems || map[i] >= revsLimit;
            }

            if (!stems)
            {
                return;
            }

            // Compact in place; map becomes old index -> new index (-1 when removed).
            int w = 0;
            for (int i = 0; i < _count; i++)
            {
                if (map[i] >= revsLimit)
                {
                    map[i] = -1;
                    continue;
                }

                int p = _parents[i];
                MoveNode(i, w, p < 0 ? -1 : map[p]);
                map[i] = w++;
            }

            ClearFrom(w);
            _count = w;
            for (int k = 0; k < _leafCount; k++)
            {
                _leaves[k] = map[_leaves[k]];
            }
        }

        /// <summary>"_revisions" of a revision: itself then its ancestors, newest first, at most max; empty when unknown.</summary>
        public Revision[] GetHistory(Revision revision, int max)
        {
            if (max < 1)
            {
                throw new ArgumentOutOfRangeException("max", "max must be at least 1");
            }

            int start = IndexOf(revision);
            if (start < 0)
            {
                return new Revision[0];
            }

            int length = 0;
            for (int i = start; i >= 0 && length < max; i = _parents[i])
            {
                length++;
            }

            Revision[] result = new Revision[length];
            int node = start;
            for (int k = 0; k < length; k++)
            {
                result[k] = NodeRevision(node);
                node = _parents[node];
            }

            return result;
        }

        /// <summary>For latest=true: the leaves that descend from a revision (itself when it is a leaf), in leaf order; empty when unknown.</summary>
        public Revision[] GetLatest(Revision revision)
        {
            int start = IndexOf(revision);
            if (start < 0)
            {
                return new Revision[0];
            }

            if (!HasChildren(start))
            {
                return new Revision[] { NodeRevision(start) };
            }

            // Descendants come after their ancestors: one forward pass marks them.
            bool[] below = new bool[_count];
            below[start] = true;
            for (int i = start + 1; i < _count; i++)
            {
                int p = _parents[i];
                below[i] = p >= 0 && below[p];
            }

            int n = 0;
            for (int k = 0; k < _leafCount; k++)
            {
                if (below[_leaves[k]])
                {
                    n++;
                }
            }

            Revision[] result = new Revision[n];
            n = 0;
            for (int k = 0; k < _leafCount; k++)
            {
                if (below[_leaves[k]])
                {
                    result[n++] = NodeRevision(_leaves[k]);
                }
            }

            return result;
        }

        /// <summary>For _revs_diff: the revisions (in request order, without repeats) that the tree does not hold.</summary>
        public Revision[] FindMissing(Revision[] revisions)
        {
            if (revisions == null)
            {
                throw new ArgumentNullException("revisions");
            }

            bool[] missing = new bool[revisions.Length];
            int n = 0;
            for (int k = 0; k < revisions.Length; k++)
            {
                if (IndexOf(revisions[k]) >= 0 || revisions[k].IsNone)
                {
                    continue;
                }

                bool repeated = false;
                for (int j = 0; j < k && !repeated; j++)
                {
                    repeated = missing[j] && revisions[j] == revisions[k];
                }

                if (!repeated)
                {
                    missing[k] = true;
                    n++;
                }
            }

            Revision[] result = new Revision[n];
            n = 0;
            for (int k = 0; k < revisions.Length; k++)
            {
                if (missing[k])
                {
                    result[n++] = revisions[k];
                }
            }

            return result;
        }

        /// <summary>
        /// For _revs_diff "possible_ancestors", as CouchDB computes it: the leaves (live or deleted) whose generation
        /// is below the generation of at least one of the missing revisions; in leaf order.
        /// </summary>
        public Revision[] GetPossibleAncestors(Revision[] missing)
        {
            if (missing == null)
            {
                throw new ArgumentNullException("missing");
            }

            int highest = 0;
            for (int k = 0; k < missing.Length; k++)
            {
                if (missing[k].Generation > highest)
                {
                    highest = missing[k].Generation;
                }
            }

            int n = 0;
            for (int k = 0; k < _leafCount; k++)
            {
                if (_generations[_leaves[k]] < highest)
                {
                    n++;
                }
            }

            Revision[] result = new Revision[n];
            n = 0;
            for (int k = 0; k < _leafCount; k++)
            {
                if (_generations[_leaves[k]] < highest)
                {
                    result[n++] = NodeRevision(_leaves[k]);
                }
            }

            return result;
        }

        /// <summary>
        /// Last-writer-wins: the leaf index (in <see cref="GetLeaf"/> order) of the live leaf with the highest
        /// timestamp; ties go to the leaf first in CouchDB order. <paramref name="leafTimestamps"/> holds one entry per
        /// leaf in that order (deleted leaves' entries are ignored; <see cref="NoTimestamp"/> when a body has none).
        /// When every leaf is deleted the CouchDB winner (0) is returned; -1 for an empty tree.
        /// </summary>
        public int PickLastWriterWinsLeaf(long[] leafTimestamps)
        {
            if (leafTimestamps == null || leafTimestamps.Length != _leafCount)
            {
                throw new ArgumentException("one timestamp per leaf needed", "leafTimestamps");
            }

            if (_leafCount == 0)
            {
                return -1;
            }

            int best = -1;
            for (int k = 0; k < _leafCount; k++)
            {
                if (!IsNodeDeleted(_leaves[k]) && (best < 0 || leafTimestamps[k] > leafTimestamps[best]))
                {
                    best = k;
                }
            }

            return best < 0 ? 0 : best;
        }

        /// <summary>
        /// Applies last-writer-wins: every live leaf except <see cref="PickLastWriterWinsLeaf"/>'s gets a deletion edit
        /// <c>Revision.Compute(loser, deleted: true, empty body)</c>, so one live leaf remains and the CouchDB rule,
        /// which every other replica applies, picks the same winner. Returns the tombstones added (their bodies are
        /// empty), oldest loser first in leaf order; empty when there was nothing to resolve. Every replica that
        /// resolves the same leaves adds the same tombstone revisions, so the trees converge.
        /// </summary>
        public Revision[] ResolveLastWriterWins(long[] leafTimestamps)
        {
            int best = PickLastWriterWinsLeaf(leafTimestamps);
            int losers = 0;
            for (int k = 0; k < _leafCount; k++)
            {
                if (k != best && !IsNodeDeleted(_leaves[k]))
                {
                    losers++;
                }
            }

            Revision[] tombstones = new Revision[losers];
            if (losers == 0)
            {
                return tombstones;
            }

            // Node indexes stay valid while children are appended.
            int[] loserNodes = new int[losers];
            losers = 0;
            for (int k = 0; k < _leafCount; k++)
            {
                if (k != best && !IsNodeDeleted(_leaves[k]))
                {
                    loserNodes[losers++] = _leaves[k];
                }
            }

            CheckRoom(losers, 0);
            for (int k = 0; k < losers; k++)
            {
                tombstones[k] = AddChild(loserNodes[k], true, s_emptyBody, 0, 0);
            }

            RefreshLeaves();
            return tombstones;
        }

        private Revision AddChild(int parentIndex, bool deleted, byte[] body, int offset, int count)
        {
            Revision revision;
            if (parentIndex < 0)
            {
                revision = Revision.Compute(0, null, 0, 0, false, deleted, body, offset, count);
            }
            else
            {
                revision = Revision.Compute(_generations[parentIndex], IdArray(parentIndex), IdOffset(parentIndex),
                    IdLength(parentIndex), IsRaw(parentIndex), deleted, body, offset, count);
            }

            if (IndexOf(revision) >= 0)
            {
                throw new RevisionConflictException("Document update conflict: " + revision.ToString() + " exists");
            }

            CheckRoom(1, parentIndex < 0 ? 1 : 0);
            AppendNode(revision, parentIndex, deleted);
            return revision;
        }

        /// <summary>
        /// Walks up from the overlap: known parents are followed; a root (its ancestors stemmed or never received)
        /// gets the path's older revisions as ancestors again, joining trees where the path meets one.
        /// Returns true when a parent now comes after its child.
        /// </summary>
        private bool AttachAncestors(Revision[] history, int[] found, int overlap)
        {
            int m = history.Length;
            int node = found[overlap];
            int j = overlap + 1;
            bool reorder = false;
            while (j < m)
            {
                int p = _parents[node];
                if (p >= 0)
                {
                    if (!NodeIdEquals(p, history[j]))
                    {
                        // The path disagrees with the stored ancestry (not possible with content hashes): keep ours.
                        return reorder;
                    }

                    node = p;
                    j++;
                    continue;
                }

                if (found[j] >= 0)
                {
                    Attach(node, found[j]);
                    reorder = reorder || found[j] > node;
                    node = found[j];
                    j++;
                    continue;
                }

                int known = j;
                while (known < m && found[known] < 0)
                {
                    known++;
                }

                int parent = known < m ? found[known] : -1;
                for (int k = known - 1; k >= j; k--)
                {
                    AppendNode(history[k], parent, false);
                    parent = _count - 1;
                }

                Attach(node, parent);
                reorder = true;
                if (known == m)
                {
                    break;
                }

                node = found[known];
                j = known + 1;
            }

            return reorder;
        }

        private void Attach(int child, int parent)
        {
            _parents[child] = (short)parent;
            _flags[parent] |= FlagHasChildren;
        }

        private void CheckRoom(int newNodes, int newLeaves)
        {
            if (_count + newNodes > MaxNodes)
            {
                throw new RevisionTreeLimitException("a revision tree may hold at most " + MaxNodes.ToString() + " revisions");
            }

            if (_leafCount + newLeaves > MaxLeaves)
            {
                throw new RevisionTreeLimitException("a revision tree may hold at most " + MaxLeaves.ToString() + " leaves");
            }
        }

        private void AppendNode(Revision revision, int parent, bool deleted)
        {
            EnsureCapacity(_count + 1);
            int i = _count++;
            _generations[i] = revision.Generation;
            _parents[i] = (short)parent;
            _flags[i] = (byte)((deleted ? FlagDeleted : 0) | (revision.IsRaw ? FlagRawId : 0));
            if (revision.IsRaw)
            {
                if (_rawIds == null)
                {
                    _rawIds = new byte[_generations.Length][];
                }

                _rawIds[i] = revision.IdBytes;
            }
            else
            {
                Array.Copy(revision.IdBytes, 0, _hashes, i * HashLength, HashLength);
            }

            if (parent >= 0)
            {
                _flags[parent] |= FlagHasChildren;
            }
        }

        private void MoveNode(int from, int to, int newParent)
        {
            _parents[to] = (short)newParent;
            if (from == to)
            {
                return;
            }

            _generations[to] = _generations[from];
            _flags[to] = _flags[from];
            Array.Copy(_hashes, from * HashLength, _hashes, to * HashLength, HashLength);
            if (_rawIds != null)
            {
                _rawIds[to] = _rawIds[from];
            }
        }

        private void ClearFrom(int index)
        {
            if (_rawIds != null)
            {
                for (int i = index; i < _count; i++)
                {
                    _rawIds[i] = null;
                }
            }
        }

        private void EnsureCapacity(int needed)
        {
            int capacity = _generations == null ? 0 : _generations.Length;
            if (needed <= capacity)
            {
                return;
            }

            int grown = capacity < 4 ? 4 : capacity * 2;
            if (grown < needed)
            {
                grown = needed;
            }

            if (grown > MaxNodes)
            {
                grown = MaxNodes;
            }

            Allocate(grown, true);
        }

        /// <summary>Replaces the arrays by ones of the given capacity, keeping the first _count nodes when copy is true.</summary>
        private void Allocate(int capacity, bool copy)
        {
            byte[] hashes = new byte[capacity * HashLength];
            int[] generations = new int[capacity];
            short[] parents = new short[capacity];
            byte[] flags = new byte[capacity];
            byte[][] rawIds = _rawIds == null ? null : new byte[capacity][];
            if (copy && _count > 0)
            {
                Array.Copy(_hashes, hashes, _count * HashLength);
                Array.Copy(_generations, generations, _count);
                Array.Copy(_parents, parents, _count);
                Array.Copy(_flags, flags, _count);
                if (rawIds != null)
                {
                    Array.Copy(_rawIds, rawIds, _count);
                }
            }

            _hashes = hashes;
            _generations = generations;
            _parents = parents;
            _flags = flags;
            _rawIds = rawIds;
        }

        /// <summary>Restores parents-before-children after ancestors were appended: a stable sort by generation.</summary>
        private void SortByGeneration()
        {
            int n = _count;
            int[] order = new int[n];
            for (int i = 0; i < n; i++)
            {
                order[i] = i;
            }

            for (int i = 1; i < n; i++)
            {
                int v = order[i];
                int g = _generations[v];
                int j = i - 1;
                while (j >= 0 && _generations[order[j]] > g)
                {
                    order[j + 1] = order[j];
                    j--;
                }

                order[j + 1] = v;
            }

            int[] position = new int[n];
            for (int i = 0; i < n; i++)
            {
                position[order[i]] = i;
            }

            byte[] oldHashes = _hashes;
            int[] oldGenerations = _generations;
            short[] oldParents = _parents;
            byte[] oldFlags = _flags;
            byte[][] oldRawIds = _rawIds;
            Allocate(oldGenerations.Length, false);
            for (int i = 0; i < n; i++)
            {
                int from = order[i];
                Array.Copy(oldHashes, from * HashLength, _hashes, i * HashLength, HashLength);
                _generations[i] = oldGenerations[from];
                int p = oldParents[from];
                _parents[i] = (short)(p < 0 ? -1 : position[p]);
                _flags[i] = oldFlags[from];
                if (oldRawIds != null)
                {
                    _rawIds[i] = oldRawIds[from];
                }
            }
        }

        /// <summary>Recomputes the leaf list in CouchDB order (winner first).</summary>
        private void RefreshLeaves()
        {
            int n = 0;
            for (int i = 0; i < _count; i++)
            {
                if (!HasChildren(i))
                {
                    n++;
                }
            }

            if (_leaves == null || _leaves.Length < n || _leaves.Length > 2 * n + 4)
            {
                _leaves = new int[n];
            }

            int k = 0;
            for (int i = 0; i < _count; i++)
            {
                if (HasChildren(i))
                {
                    continue;
                }

                // Insertion sort: trees have few leaves.
                int j = k - 1;
                while (j >= 0 && RanksBefore(i, _leaves[j]))
                {
                    _leaves[j + 1] = _leaves[j];
                    j--;
                }

                _leaves[j + 1] = i;
                k++;
            }

            _leafCount = n;
        }

        /// <summary>CouchDB leaf order: live before deleted, then higher generation, then higher hash string.</summary>
        private bool RanksBefore(int a, int b)
        {
            bool aDeleted = IsNodeDeleted(a);
            if (aDeleted != IsNodeDeleted(b))
            {
                return !aDeleted;
            }

            if (_generations[a] != _generations[b])
            {
                return _generations[a] > _generations[b];
            }

            return RevisionIds.Compare(IdArray(a), IdOffset(a), IdLength(a), IsRaw(a),
                IdArray(b), IdOffset(b), IdLength(b), IsRaw(b)) > 0;
        }

        /// <summary>Leaves from index `first` whose flags masked by `mask` equal `value`.</summary>
        private Revision[] CollectLeaves(int first, int mask, int value)
        {
            int n = 0;
            for (int k = first; k < _leafCount; k++)
            {
                if ((_flags[_leaves[k]] & mask) == value)
                {
                    n++;
                }
            }

            Revision[] result = new Revision[n];
            n = 0;
            for (int k = first; k < _leafCount; k++)
            {
                if ((_flags[_leaves[k]] & mask) == value)
                {
                    result[n++] = NodeRevision(_leaves[k]);
                }
            }

            return result;
        }

        private int CheckLeafIndex(int index)
        {
            if (index < 0 || index >= _leafCount)
            {
                throw new ArgumentOutOfRangeException("index");
            }

            return index;
        }

        private int IndexOf(Revision revision)
        {
            int generation = revision.Generation;
            if (generation == 0)
            {
                return -1;
            }

            for (int i = 0; i < _count; i++)
            {
                if (_generations[i] == generation && NodeIdEquals(i, revision))
                {
                    return i;
                }
            }

            return -1;
        }

        private bool NodeIdEquals(int i, Revision revision)
        {
            byte[] id = revision.IdBytes;
            return RevisionIds.Equal(IdArray(i), IdOffset(i), IdLength(i), IsRaw(i), id, 0, id.Length, revision.IsRaw);
        }

        private Revision NodeRevision(int i)
        {
            int length = IdLength(i);
            byte[] id = new byte[length];
            Array.Copy(IdArray(i), IdOffset(i), id, 0, length);
            return new Revision(_generations[i], id, IsRaw(i));
        }

        private bool HasChildren(int i)
        {
            return (_flags[i] & FlagHasChildren) != 0;
        }

        private bool IsNodeDeleted(int i)
        {
            return (_flags[i] & FlagDeleted) != 0;
        }

        private bool IsRaw(int i)
        {
            return (_flags[i] & FlagRawId) != 0;
        }

        private byte[] IdArray(int i)
        {
            return IsRaw(i) ? _rawIds[i] : _hashes;
        }

        private int IdOffset(int i)
        {
            return IsRaw(i) ? 0 : i * HashLength;
        }

        private int IdLength(int i)
        {
            return IsRaw(i) ? _rawIds[i].Length : HashLength;
        }
    }
}
