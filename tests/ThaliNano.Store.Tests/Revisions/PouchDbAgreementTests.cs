using System.Diagnostics;
using System.Text.Json;
using CsCheck;
using ThaliNano.Store.Revisions;
using Xunit.Abstractions;

namespace ThaliNano.Store.Tests.Revisions;

/// <summary>
/// Random replication histories, applied to our tree and to PouchDB 9's pouchdb-merge (tests/interop/revtree-oracle.js):
/// winner, deleted, leaves with their deleted flags, conflicts, the revisions kept after stemming and whether each
/// write changed anything must agree.
/// After stemming, pouchdb-merge can hold one revision in two of its trees (a path merged into two branches) and
/// then lists that leaf twice; CouchDB keeps revision keys unique (couch_key_tree repairs duplicates), as we do,
/// so revisions are compared as sets.
/// </summary>
public sealed class PouchDbAgreementTests(ITestOutputHelper output)
{
    private const int CaseCount = 400;
    private const string SeedVariable = "THALINANO_REVTREE_SEED";

    [Fact]
    public void RandomHistoriesAgreeWithPouchDb()
    {
        string seed = Environment.GetEnvironmentVariable(SeedVariable) ?? new PCG(7, 20260401).ToString();
        output.WriteLine($"seed {seed} (set {SeedVariable} to replay another)");
        MergeCase[] cases = Scenarios.MergeCases.Array[CaseCount].Generate(PCG.Parse(seed), null!, out _);

        JsonElement[] expected = RunOracle(cases);
        Assert.Equal(cases.Length, expected.Length);

        var failures = new List<string>();
        int conflicted = 0, stemmed = 0, deletedDocs = 0;
        for (int i = 0; i < cases.Length; i++)
        {
            var tree = new RevisionTree();
            bool[] applied = Scenarios.Apply(tree, cases[i]);
            JsonElement e = expected[i];
            string? problem = Compare(tree, applied, e);
            if (problem != null)
            {
                failures.Add($"case {i} ({cases[i]}): {problem}");
            }

            conflicted += tree.GetConflicts().Length > 0 ? 1 : 0;
            deletedDocs += tree.IsDeleted ? 1 : 0;
            stemmed += cases[i].Merges.Sum(m => m.Path.Length) > tree.NodeCount ? 1 : 0;
        }

        output.WriteLine($"{cases.Length} cases: {conflicted} with live conflicts, {deletedDocs} deleted, {stemmed} with fewer revisions than sent");
        Assert.True(failures.Count == 0, $"seed {seed}: {failures.Count} of {cases.Length} cases disagree with PouchDB:\n" + string.Join("\n", failures.Take(10)));
        // The generator must exercise the interesting rules, or agreement means little.
        Assert.True(conflicted > CaseCount / 10 && deletedDocs > CaseCount / 20 && stemmed > CaseCount / 10,
            $"too few interesting cases: {conflicted} conflicted, {deletedDocs} deleted, {stemmed} stemmed");
    }

    private static string? Compare(RevisionTree tree, bool[] applied, JsonElement e)
    {
        bool[] expectedApplied = e.GetProperty("applied").EnumerateArray().Select(a => a.GetBoolean()).ToArray();
        if (!applied.SequenceEqual(expectedApplied))
        {
            return $"applied [{string.Join(",", applied)}], PouchDB [{string.Join(",", expectedApplied)}]";
        }

        string winner = e.GetProperty("winner").GetString()!;
        if (tree.Winner.ToString() != winner)
        {
            return $"winner {tree.Winner}, PouchDB {winner}";
        }

        if (tree.IsDeleted != e.GetProperty("deleted").GetBoolean())
        {
            return $"deleted {tree.IsDeleted}, PouchDB {e.GetProperty("deleted").GetBoolean()}";
        }

        var leaves = Enumerable.Range(0, tree.LeafCount).Select(k => $"{tree.GetLeaf(k)}{(tree.IsLeafDeleted(k) ? " deleted" : "")}").Order();
        var expectedLeaves = e.GetProperty("leaves").EnumerateArray()
            .Select(l => $"{l.GetProperty("rev").GetString()}{(l.GetProperty("deleted").GetBoolean() ? " deleted" : "")}").Distinct().Order();
        if (!leaves.SequenceEqual(expectedLeaves))
        {
            return $"leaves [{string.Join(", ", leaves)}], PouchDB [{string.Join(", ", expectedLeaves)}]";
        }

        var conflicts = tree.GetConflicts().Select(r => r.ToString()).Order();
        var expectedConflicts = e.GetProperty("conflicts").EnumerateArray().Select(c => c.GetString()!).Distinct().Order();
        if (!conflicts.SequenceEqual(expectedConflicts))
        {
            return $"conflicts [{string.Join(", ", conflicts)}], PouchDB [{string.Join(", ", expectedConflicts)}]";
        }

        var revs = tree.GetRevisions().Select(r => r.ToString()).Order();
        var expectedRevs = e.GetProperty("revs").EnumerateArray().Select(r => r.GetString()!).Distinct().Order();
        if (!revs.SequenceEqual(expectedRevs))
        {
            return $"revisions [{string.Join(", ", revs)}], PouchDB [{string.Join(", ", expectedRevs)}]";
        }

        return null;
    }

    /// <summary>Runs the oracle once for all cases.</summary>
    internal static JsonElement[] RunOracle(MergeCase[] cases)
    {
        string interop = Path.Combine(RepositoryRoot(), "tests", "interop");
        Assert.True(Directory.Exists(Path.Combine(interop, "node_modules", "pouchdb-merge")),
            $"PouchDB oracle not installed: run `npm ci --prefix tests/interop` (looked in {interop}/node_modules)");

        string input = JsonSerializer.Serialize(cases.Select(c => new
        {
            revsLimit = c.RevsLimit,
            merges = c.Merges.Select(m => new { path = m.Path, deleted = m.Deleted }),
        }));

        var start = new ProcessStartInfo("node", "revtree-oracle.js")
        {
            WorkingDirectory = interop,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("revtree-oracle.js did not finish within 60 s");
        }

        Assert.True(process.ExitCode == 0, $"revtree-oracle.js failed ({process.ExitCode}): {stderr.Result}");
        return JsonDocument.Parse(stdout.Result).RootElement.EnumerateArray().ToArray();
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ThaliNano.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root (ThaliNano.sln) not found above " + AppContext.BaseDirectory);
    }
}
