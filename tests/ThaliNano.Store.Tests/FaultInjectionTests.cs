using ThaliNano.Store.Tests.Simulation;
using Xunit.Abstractions;

namespace ThaliNano.Store.Tests;

/// <summary>
/// Random workloads with power cuts at random bytes of random writes and random loss of unsynced data. After every
/// reboot: the store opens, every acknowledged write is there, the write in flight is wholly there or wholly absent,
/// the changes feed holds each document once in seq order with its leaves, counts agree with an independent model.
/// THALINANO_FAULT_ITERATIONS sets the number of workloads (default 1000), THALINANO_FAULT_SEED the first seed.
/// </summary>
public class FaultInjectionTests(ITestOutputHelper output)
{
    [Fact]
    public void RandomWorkloadsSurviveRandomPowerCuts()
    {
        int iterations = int.TryParse(Environment.GetEnvironmentVariable("THALINANO_FAULT_ITERATIONS"), out int n) ? n : 1000;
        int firstSeed = int.TryParse(Environment.GetEnvironmentVariable("THALINANO_FAULT_SEED"), out int s) ? s : 20261126;
        long cuts = 0;
        long reboots = 0;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < iterations; i++)
        {
            int seed = firstSeed + i;
            var workload = new FaultWorkload(seed);
            try
            {
                workload.Run();
            }
            catch (Exception e)
            {
                throw new Exception($"fault-injection workload failed; reproduce with THALINANO_FAULT_SEED={seed} THALINANO_FAULT_ITERATIONS=1: {e.Message}", e);
            }

            cuts += workload.Cuts;
            reboots += workload.Reboots;
        }

        output.WriteLine($"{iterations} workloads (seeds {firstSeed}..{firstSeed + iterations - 1}), {cuts} power cuts, {reboots} reboots in {watch.Elapsed.TotalSeconds:F1} s");
        Assert.True(cuts > iterations / 2, "too few cuts happened: the workload does not exercise recovery");
    }
}

/// <summary>One random workload with its model.</summary>
internal sealed class FaultWorkload
{
    private const string DbName = "fault/db";
    private static readonly string[] s_ids = ["r1", "r2", "r3", "r4", "r5", "r6", "_design/v", "reading-with-a-longer-id"];
    private static readonly string[] s_localIds = ["_local/a", "_local/b"];

    private readonly Random _rng;
    private readonly SimulatedFlash _flash;
    private readonly StoreOptions _options;
    private readonly Dictionary<string, DocModel> _docs = new();
    private readonly Dictionary<string, (int N, string Body)> _locals = new();
    private readonly Dictionary<string, DocModel?> _pendingDocs = new();
    private readonly Dictionary<string, (int N, string Body)?> _pendingLocals = new();
    private DocumentStore? _store;
    private Database? _db;
    private bool _dbCreated;
    private long _ackSeq;
    private int _counter;

    public FaultWorkload(int seed)
    {
        _rng = new Random(seed);
        _flash = new SimulatedFlash(seed);
        _options = new StoreOptions
        {
            Clock = new FakeClock(),
            IndexCachePages = 2,
            CheckpointBytes = 64 + _rng.Next(2048),
        };
    }

    public int Cuts { get; private set; }

    public int Reboots { get; private set; }

    public void Run()
    {
        Open();
        int steps = _rng.Next(8, 40);
        for (int step = 0; step < steps; step++)
        {
            if (_flash.RemainingEvents == long.MaxValue && _rng.Next(3) == 0)
            {
                _flash.CutAfter(_rng.Next(0, 3000));
            }

            try
            {
                Step();
            }
            catch (PowerCutException)
            {
                Cuts++;
                Reboot();
            }
        }

        _flash.Disarm();
        Reboot();
    }

    private void Open()
    {
        while (true)
        {
            try
            {
                _store = new DocumentStore(_flash, _options);
                if (!_dbCreated)
                {
                    _db = _store.DatabaseExists(DbName) ? _store.OpenDatabase(DbName) : _store.CreateDatabase(DbName, new DatabaseOptions { RevsLimit = 1000 });
                    _dbCreated = true;
                }
                else
                {
                    _db = _store.OpenDatabase(DbName);
                }

                return;
            }
            catch (PowerCutException)
            {
                Cuts++;
                _flash.Reboot(RandomMode());
                Reboots++;
            }
        }
    }

    private CutMode RandomMode() => (CutMode)_rng.Next(3);

    private void Reboot()
    {
        if (!_flash.IsCut)
        {
            _flash.CutAfter(0);
            try
            {
                _flash.SyncAll();
            }
            catch (PowerCutException)
            {
            }
        }

        _flash.Reboot(RandomMode());
        Reboots++;
        if (_rng.Next(4) == 0)
        {
            _flash.CutAfter(_rng.Next(0, 4000));
        }

        Open();
        _flash.Disarm();
        Verify();
    }

    private string Body() => "{\"v\":" + (++_counter) + ",\"timestamp\":" + _rng.Next(1000) + "}";

    private string RandomHash()
    {
        byte[] b = new byte[16];
        _rng.NextBytes(b);
        return Convert.ToHexStringLower(b);
    }

    private void Step()
    {
        int op = _rng.Next(100);
        if (op < 35)
        {
            WriteBatch([Edit()]);
        }
        else if (op < 55)
        {
            WriteBatch([Replicated()]);
        }
        else if (op < 70)
        {
            var ops = new List<Action<WriteBatch, Dictionary<string, DocModel>, List<string?>>>();
            int count = _rng.Next(2, 6);
            for (int i = 0; i < count; i++)
            {
                ops.Add(_rng.Next(2) == 0 ? Edit() : Replicated());
            }

            WriteBatch(ops);
        }
        else if (op < 80)
        {
            Local();
        }
        else if (op < 86)
        {
            Purge();
        }
        else if (op < 89)
        {
            _db!.Compact();
        }
        else if (op < 92)
        {
            _db!.ReleaseCaches();
        }
        else if (op < 96)
        {
            _store!.Dispose();
            Open();
        }
        else
        {
            Verify();
        }
    }

    /// <summary>An interactive write on a random document; the model says which revision results or that it conflicts.</summary>
    private Action<WriteBatch, Dictionary<string, DocModel>, List<string?>> Edit()
    {
        string id = s_ids[_rng.Next(s_ids.Length)];
        int kind = _rng.Next(10);
        string body = Body();
        return (batch, state, expected) =>
        {
            DocModel doc = state.TryGetValue(id, out DocModel? d) ? d.Clone() : new DocModel();
            string? rev = null;
            bool deleted = false;
            if (doc.Leaves.Count > 0)
            {
                string[] leaves = doc.Leaves.OrderBy(x => x).ToArray();
                rev = kind switch
                {
                    0 => null,
                    1 => doc.Nodes.Keys.OrderBy(x => x).ElementAt(_rng.Next(doc.Nodes.Count)),
                    _ => _rng.Next(3) == 0 ? leaves[_rng.Next(leaves.Length)] : doc.Winner,
                };
                if (rev != null && doc.Deleted && kind > 5)
                {
                    rev = null;
                }

                deleted = kind == 9 && rev != null;
            }

            string payload = deleted ? "{}" : body;
            string? result = doc.Edit(rev, deleted, payload);
            if (result != null)
            {
                state[id] = doc;
            }

            expected.Add(result);
            batch.Put(id, rev, RevisionRule.Utf8(payload), deleted);
        };
    }

    /// <summary>A replicated write: extend a leaf, start a new root, or resend a known path.</summary>
    private Action<WriteBatch, Dictionary<string, DocModel>, List<string?>> Replicated()
    {
        string id = s_ids[_rng.Next(s_ids.Length)];
        int kind = _rng.Next(3);
        bool deleted = _rng.Next(8) == 0;
        string body = deleted ? "{}" : Body();
        int extra = _rng.Next(1, 4);
        string[] fresh = Enumerable.Range(0, 4).Select(_ => RandomHash()).ToArray();
        int pick = _rng.Next(1000);
        return (batch, state, expected) =>
        {
            DocModel doc = state.TryGetValue(id, out DocModel? d) ? d.Clone() : new DocModel();
            string[] path;
            if (kind == 0 && doc.Leaves.Count > 0)
            {
                string leaf = doc.Leaves.OrderBy(x => x).ElementAt(pick % doc.Leaves.Count);
                int gen = RevisionRule.Generation(leaf);
                path = Enumerable.Range(0, extra).Select(k => gen + extra - k + "-" + fresh[k]).Concat(doc.PathTo(leaf)).ToArray();
            }
            else if (kind == 1 && doc.Nodes.Count > 0)
            {
                string node = doc.Nodes.Keys.OrderBy(x => x).ElementAt(pick % doc.Nodes.Count);
                path = doc.PathTo(node);
            }
            else
            {
                int top = extra + pick % 3;
                path = Enumerable.Range(0, extra).Select(k => top - k + "-" + fresh[k]).ToArray();
            }

            doc.Merge(path, deleted, body);
            state[id] = doc;
            expected.Add(path[0]);
            int start = RevisionRule.Generation(path[0]);
            batch.PutReplicated(id, start, path.Select(RevisionRule.Hash).ToArray(), deleted, RevisionRule.Utf8(body));
        };
    }

    private void WriteBatch(List<Action<WriteBatch, Dictionary<string, DocModel>, List<string?>>> ops)
    {
        var batch = new WriteBatch();
        var state = new Dictionary<string, DocModel>(_docs);
        var expected = new List<string?>();
        foreach (var op in ops)
        {
            op(batch, state, expected);
        }

        foreach (var kv in state)
        {
            if (!_docs.TryGetValue(kv.Key, out DocModel? old) || !ReferenceEquals(old, kv.Value))
            {
                _pendingDocs[kv.Key] = kv.Value;
            }
        }

        WriteResult[] results = _db!.Commit(batch);
        for (int i = 0; i < results.Length; i++)
        {
            if (expected[i] == null)
            {
                Assert.True(results[i].Error is DocumentConflictException, $"write {i} to {results[i].Id} should conflict, got {results[i].Error?.ToString() ?? results[i].Rev}");
            }
            else
            {
                Assert.True(results[i].Ok, $"write {i} to {results[i].Id} failed: {results[i].Error}");
                Assert.Equal(expected[i], results[i].Rev);
            }
        }

        Acknowledge();
    }

    private void Local()
    {
        string id = s_localIds[_rng.Next(s_localIds.Length)];
        bool exists = _locals.TryGetValue(id, out var current);
        bool stale = _rng.Next(6) == 0;
        string? rev = exists ? "0-" + (stale ? current.N + 1 : current.N) : (stale ? "0-3" : null);
        bool conflict = stale;
        if (exists && _rng.Next(4) == 0)
        {
            _pendingLocals[id] = conflict ? current : null;
            if (conflict)
            {
                Assert.Throws<DocumentConflictException>(() => _db!.DeleteLocal(id, rev!));
            }
            else
            {
                _db!.DeleteLocal(id, rev!);
            }
        }
        else
        {
            string body = Body();
            _pendingLocals[id] = conflict ? (exists ? current : null) : (exists ? current.N + 1 : 1, body);
            if (conflict)
            {
                Assert.Throws<DocumentConflictException>(() => _db!.PutLocal(id, rev, RevisionRule.Utf8(body)));
            }
            else
            {
                Assert.Equal("0-" + (exists ? current.N + 1 : 1), _db!.PutLocal(id, rev, RevisionRule.Utf8(body)));
            }
        }

        Acknowledge();
    }

    private void Purge()
    {
        string id = s_ids[_rng.Next(s_ids.Length)];
        _pendingDocs[id] = null;
        string[] purged = _db!.Purge(id, null);
        Assert.Equal(_docs.TryGetValue(id, out DocModel? d) ? d.Leaves.OrderBy(x => x) : Enumerable.Empty<string>(), purged.OrderBy(x => x));
        Acknowledge();
    }

    private void Acknowledge()
    {
        foreach (var kv in _pendingDocs)
        {
            if (kv.Value == null)
            {
                _docs.Remove(kv.Key);
            }
            else
            {
                _docs[kv.Key] = kv.Value;
            }
        }

        foreach (var kv in _pendingLocals)
        {
            if (kv.Value == null)
            {
                _locals.Remove(kv.Key);
            }
            else
            {
                _locals[kv.Key] = kv.Value.Value;
            }
        }

        _pendingDocs.Clear();
        _pendingLocals.Clear();
    }

    private static string Describe(Database db, string id) =>
        string.Join(", ", db.GetOpenRevs(id, null, false, ReadOptions.None).Select(o => o.Document).OrderBy(d => d.Rev)
            .Select(d => d.Rev + (d.Deleted ? " (deleted)" : "") + " " + RevisionRule.Str(d.Body)));

    private static bool Matches(Database db, string id, DocModel? model)
    {
        OpenRevision[] leaves = db.GetOpenRevs(id, null, false, ReadOptions.None);
        if (model == null)
        {
            return leaves.Length == 0 && db.Get(id) == null;
        }

        if (leaves.Length != model.Leaves.Count)
        {
            return false;
        }

        foreach (OpenRevision leaf in leaves)
        {
            Document doc = leaf.Document;
            if (!model.Leaves.Contains(doc.Rev) || model.Nodes[doc.Rev].Deleted != doc.Deleted || model.Nodes[doc.Rev].Body != RevisionRule.Str(doc.Body))
            {
                return false;
            }
        }

        Document winner = db.Get(id)!;
        return winner.Rev == model.Winner && winner.Deleted == model.Deleted;
    }

    /// <summary>Checks the reopened store against the model, settling the write that was in flight (if any).</summary>
    private void Verify()
    {
        Database db = _db!;
        Assert.False(db.IsReadOnly, "a power cut must never look like corruption: " + db.GetInfo().Corruption);
        foreach (string id in s_ids)
        {
            DocModel? confirmed = _docs.TryGetValue(id, out DocModel? c) ? c : null;
            if (Matches(db, id, confirmed))
            {
                continue;
            }

            Assert.True(_pendingDocs.TryGetValue(id, out DocModel? pending) && Matches(db, id, pending),
                $"document {id}: store has [{Describe(db, id)}], model has [{confirmed?.Describe()}], in flight [{(_pendingDocs.TryGetValue(id, out var p) ? p?.Describe() ?? "purged" : "nothing")}]");
            if (pending == null)
            {
                _docs.Remove(id);
            }
            else
            {
                _docs[id] = pending;
            }
        }

        foreach (string id in s_localIds)
        {
            LocalDocument? stored = db.GetLocal(id);
            (int, string)? actual = stored == null ? null : (int.Parse(stored.Rev.Substring(2)), RevisionRule.Str(stored.Body));
            (int, string)? confirmed = _locals.TryGetValue(id, out var l) ? l : null;
            if (Equals(actual, confirmed))
            {
                continue;
            }

            Assert.True(_pendingLocals.TryGetValue(id, out var pending) && Equals(actual, pending), $"local {id}: store {actual}, model {confirmed}");
            if (actual == null)
            {
                _locals.Remove(id);
            }
            else
            {
                _locals[id] = actual.Value;
            }
        }

        _pendingDocs.Clear();
        _pendingLocals.Clear();

        var seen = new HashSet<string>();
        long last = 0;
        ChangesCursor feed = db.GetChanges(0, 0);
        while (feed.MoveNext())
        {
            ChangeRow row = feed.Current;
            Assert.True(row.Seq > last, "seqs must increase");
            Assert.True(seen.Add(row.Id), "one row per document");
            last = row.Seq;
            DocModel model = _docs[row.Id];
            Assert.Equal(model.Leaves.OrderBy(x => x), row.Revs.OrderBy(x => x));
            Assert.Equal(model.Winner, row.Revs[0]);
            Assert.Equal(model.Deleted, row.Deleted);
        }

        Assert.Equal(_docs.Keys.OrderBy(x => x), seen.OrderBy(x => x));
        DatabaseInfo info = db.GetInfo();
        Assert.Equal(_docs.Values.Count(d => !d.Deleted), info.DocCount);
        Assert.Equal(_docs.Values.Count(d => d.Deleted), info.DeletedDocCount);
        Assert.Equal(_locals.Count, info.LocalDocCount);
        Assert.True(info.UpdateSeq >= last && info.UpdateSeq >= _ackSeq, $"update_seq {info.UpdateSeq} went back (last row {last}, acknowledged {_ackSeq})");
        _ackSeq = info.UpdateSeq;

        // Changes since any row's seq hold exactly the later rows.
        ChangesCursor tail = db.GetChanges(last > 1 ? last - 1 : 0, 0);
        long count = 0;
        while (tail.MoveNext())
        {
            Assert.True(tail.Current.Seq >= last - 1);
            count++;
        }

        Assert.True(count <= 1 || last <= 1);
    }
}
