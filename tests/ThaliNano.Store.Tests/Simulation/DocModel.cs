namespace ThaliNano.Store.Tests.Simulation;

/// <summary>The expected revision tree of one document, kept by the tests independently of the store (no stemming).</summary>
public sealed class DocModel
{
    public Dictionary<string, (string? Parent, bool Deleted, string Body)> Nodes { get; } = new();

    public HashSet<string> Leaves { get; } = new();

    public DocModel Clone()
    {
        var copy = new DocModel();
        foreach (var kv in Nodes)
        {
            copy.Nodes[kv.Key] = kv.Value;
        }

        copy.Leaves.UnionWith(Leaves);
        return copy;
    }

    public string Winner => RevisionRule.Winner(Leaves.Select(l => (l, Nodes[l].Deleted)));

    public bool Deleted => Nodes[Winner].Deleted;

    public IEnumerable<string> LiveLeaves => Leaves.Where(l => !Nodes[l].Deleted);

    /// <summary>new_edits=true; returns the new revision (or null when the store must answer 409).</summary>
    public string? Edit(string? rev, bool deleted, string body)
    {
        string? parent;
        if (rev == null)
        {
            if (Leaves.Count > 0 && !Deleted)
            {
                return null;
            }

            parent = Leaves.Count > 0 ? Winner : null;
        }
        else
        {
            if (!Leaves.Contains(rev))
            {
                return null;
            }

            parent = rev;
        }

        string child = RevisionRule.Compute(parent, deleted, RevisionRule.Utf8(body));
        Nodes[child] = (parent, deleted, body);
        if (parent != null)
        {
            Leaves.Remove(parent);
        }

        Leaves.Add(child);
        return child;
    }

    /// <summary>new_edits=false with the path newest first.</summary>
    public void Merge(string[] path, bool deleted, string body)
    {
        if (Nodes.ContainsKey(path[0]))
        {
            return;
        }

        for (int i = path.Length - 1; i >= 0; i--)
        {
            if (!Nodes.ContainsKey(path[i]))
            {
                string? parent = i + 1 < path.Length ? path[i + 1] : null;
                Nodes[path[i]] = (parent, i == 0 && deleted, i == 0 ? body : "");
            }

            if (i > 0)
            {
                Leaves.Remove(path[i]);
            }
        }

        Leaves.Add(path[0]);
    }

    /// <summary>The ancestry of a revision, newest first.</summary>
    public string[] PathTo(string rev)
    {
        var path = new List<string>();
        for (string? r = rev; r != null; r = Nodes[r].Parent)
        {
            path.Add(r);
        }

        return path.ToArray();
    }

    public string Describe() => string.Join(", ", Leaves.OrderBy(x => x).Select(l => l + (Nodes[l].Deleted ? " (deleted)" : "") + " " + Nodes[l].Body));
}
