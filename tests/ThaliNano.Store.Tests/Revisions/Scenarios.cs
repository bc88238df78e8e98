using System.Security.Cryptography;
using System.Text;
using CsCheck;
using ThaliNano.Store.Revisions;

namespace ThaliNano.Store.Tests.Revisions;

/// <summary>One new_edits=false write: a "_revisions" path (leaf first) and the leaf's _deleted.</summary>
public sealed record MergeStep(string[] Path, bool Deleted);

/// <summary>A sequence of replicated writes into one document, stemmed to RevsLimit after each.</summary>
public sealed record MergeCase(int RevsLimit, MergeStep[] Merges)
{
    public override string ToString() =>
        $"revsLimit {RevsLimit}: " + string.Join("; ", Merges.Select(m => $"[{string.Join(",", m.Path)}]{(m.Deleted ? " deleted" : "")}"));
}

/// <summary>
/// Builds realistic replication histories from a stream of random choices (so CsCheck can shrink them): a universe
/// of revisions of one document edited on several replicas (branches, deletions, edits on tombstones), then merges
/// of paths of that universe as replicators send them (full or truncated "_revisions", repeats, out of order).
/// </summary>
public static class Scenarios
{
    private static readonly int[] s_revsLimits = { 1, 2, 3, 4, 6, 1000 };

    public static Gen<uint[]> Choices { get; } = Gen.UInt.Array[8, 80];

    public static Gen<MergeCase> MergeCases { get; } = Choices.Select(Build);

    public static MergeCase Build(uint[] choices)
    {
        var next = new ChoiceReader(choices);
        int revsLimit = s_revsLimits[next.Below(s_revsLimits.Length)];
        var universe = new Universe(next);
        int size = 2 + next.Below(24);
        for (int i = 0; i < size; i++)
        {
            universe.Grow();
        }

        var merges = new List<MergeStep>();
        int count = 1 + next.Below(12);
        for (int i = 0; i < count; i++)
        {
            if (merges.Count > 0 && next.Below(8) == 0)
            {
                merges.Add(merges[next.Below(merges.Count)]);
                continue;
            }

            int node = universe.PickNode();
            string[] full = universe.Path(node);
            int length = next.Below(3) == 0 ? full.Length : 1 + next.Below(full.Length);
            merges.Add(new MergeStep(full[..length], universe.Deleted(node)));
        }

        return new MergeCase(revsLimit, merges.ToArray());
    }

    /// <summary>A revision id unique within a case: mostly 32 lowercase hex, sometimes a short id of PouchDB's tests.</summary>
    public static string Id(int serial, int kind)
    {
        switch (kind)
        {
            case 0: return "a" + serial.ToString();
            case 1: return "B" + serial.ToString();
            case 2: return "z" + serial.ToString() + "Q";
            default:
                byte[] hash = SHA256.HashData(Encoding.ASCII.GetBytes("rev " + serial.ToString()));
                return Convert.ToHexStringLower(hash, 0, 16);
        }
    }

    public sealed class ChoiceReader(uint[] choices)
    {
        private int _index;

        public int Below(int n)
        {
            uint c = choices.Length == 0 ? 0 : choices[_index++ % choices.Length] + (uint)(_index / choices.Length);
            return (int)(c % (uint)n);
        }
    }

    /// <summary>Every revision one document ever had on any replica.</summary>
    public sealed class Universe(ChoiceReader next)
    {
        private readonly List<(int Generation, string Id, int Parent, bool Deleted)> _nodes = new();
        private readonly HashSet<int> _withChildren = new();

        public int Count => _nodes.Count;

        public void Grow()
        {
            int parent = -1;
            if (_nodes.Count > 0 && next.Below(10) != 0)
            {
                parent = PickNode();
            }

            int generation = parent < 0 ? 1 + (next.Below(4) == 0 ? next.Below(3) : 0) : _nodes[parent].Generation + 1;
            string id = Id(_nodes.Count, next.Below(8));
            bool deleted = next.Below(4) == 0;
            if (parent >= 0)
            {
                _withChildren.Add(parent);
            }

            _nodes.Add((generation, id, parent, deleted));
        }

        /// <summary>A node, preferring leaves and recent edits.</summary>
        public int PickNode()
        {
            if (next.Below(3) != 0)
            {
                var leaves = Enumerable.Range(0, _nodes.Count).Where(i => !_withChildren.Contains(i)).ToList();
                return leaves[next.Below(leaves.Count)];
            }

            return _nodes.Count - 1 - next.Below(Math.Min(_nodes.Count, 6));
        }

        public bool Deleted(int node) => _nodes[node].Deleted;

        public int Parent(int node) => _nodes[node].Parent;

        public string Rev(int node) => _nodes[node].Generation.ToString() + "-" + _nodes[node].Id;

        /// <summary>The full ancestry, leaf first.</summary>
        public string[] Path(int node)
        {
            var path = new List<string>();
            for (int i = node; i >= 0; i = _nodes[i].Parent)
            {
                path.Add(Rev(i));
            }

            return path.ToArray();
        }
    }

    public static Revision[] Revs(params string[] texts) => texts.Select(Revision.Parse).ToArray();

    /// <summary>Applies a case to a fresh tree; returns Merge's result per step.</summary>
    public static bool[] Apply(RevisionTree tree, MergeCase c)
    {
        var applied = new bool[c.Merges.Length];
        for (int i = 0; i < c.Merges.Length; i++)
        {
            applied[i] = tree.Merge(Revs(c.Merges[i].Path), c.Merges[i].Deleted);
            tree.Stem(c.RevsLimit);
        }

        return applied;
    }
}
