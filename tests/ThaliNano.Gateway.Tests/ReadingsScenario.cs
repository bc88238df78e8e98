using System.Text.Json.Nodes;

namespace ThaliNano.Gateway.Tests;

/// <summary>
/// What a sensor writes in the delivery tests: readings, some edited twice, one deleted, one document with two
/// conflicting leaves; and the check that each leaf arrived with its full history and body.
/// </summary>
internal sealed class ReadingsScenario
{
    private readonly Dictionary<string, List<string[]>> _leaves = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _values = new(StringComparer.Ordinal);

    public ReadingsScenario(Sensor sensor, int readings = 30)
    {
        for (int i = 0; i < readings; i++)
        {
            string id = "r" + i.ToString("D3");
            string rev = sensor.Put(id, null, Body(i));
            var history = new List<string> { rev };
            if (i < 5)
            {
                history.Add(sensor.Put(id, history[^1], Body(i + 1000)));
                history.Add(sensor.Put(id, history[^1], Body(i + 2000)));
                _values[id] = i + 2000;
            }
            else
            {
                _values[id] = i;
            }

            if (i == 5)
            {
                history.Add(sensor.Database.Delete(id, rev));
                _values.Remove(id);
            }

            history.Reverse();
            _leaves[id] = [history.ToArray()];
        }

        string root = new('1', 32), a = new('a', 32), b = new('b', 32);
        sensor.Database.PutReplicated("conflicted", 2, [a, root], false, "{\"side\":\"a\"}"u8.ToArray());
        sensor.Database.PutReplicated("conflicted", 2, [b, root], false, "{\"side\":\"b\"}"u8.ToArray());
        _leaves["conflicted"] = [["2-" + a, "1-" + root], ["2-" + b, "1-" + root]];
    }

    public IReadOnlyCollection<string> Ids => _leaves.Keys;

    public int Revisions => _leaves.Values.Sum(leaves => leaves.Count);

    /// <summary>Every leaf of every document, with its _revisions (start and ids, newest first) and its body.</summary>
    public void AssertArrived(CouchReader reader, string database)
    {
        Assert.Equal(_leaves.Keys.Order(StringComparer.Ordinal), reader.ChangedIds(database));
        foreach ((string id, List<string[]> expected) in _leaves)
        {
            JsonNode[] leaves = reader.Leaves(database, id);
            Assert.Equal(expected.Count, leaves.Length);
            for (int i = 0; i < leaves.Length; i++)
            {
                string[] history = expected[i];
                Assert.Equal(history[0], leaves[i]["_rev"]!.GetValue<string>());
                Assert.Equal(history.Length, leaves[i]["_revisions"]!["start"]!.GetValue<int>());
                Assert.Equal(history.Select(rev => rev[(rev.IndexOf('-') + 1)..]),
                    leaves[i]["_revisions"]!["ids"]!.AsArray().Select(x => x!.GetValue<string>()));
            }

            if (id == "conflicted")
            {
                Assert.Equal(["a", "b"], leaves.Select(leaf => leaf["side"]!.GetValue<string>()));
            }
            else if (_values.TryGetValue(id, out int value))
            {
                Assert.Equal(value, leaves[0]["n"]!.GetValue<int>());
                Assert.Equal("h\u00e9llo \u2603", leaves[0]["text"]!.GetValue<string>());
                Assert.Null(leaves[0]["_deleted"]);
            }
            else
            {
                Assert.True(leaves[0]["_deleted"]!.GetValue<bool>());
            }
        }
    }

    private static string Body(int n) => "{\"n\":" + n + ",\"t\":21.5,\"text\":\"h\u00e9llo \u2603\",\"nested\":{\"a\":[1,2.5,null,true]}}";
}
