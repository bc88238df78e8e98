using System.Text.Json;
using ThaliNano.Simulator.Results;

namespace ThaliNano.Simulator.Reports;

/// <summary>
/// The comparison as one JSON document (camelCase): the scenario, the seeds, per policy its pooled summary and its
/// runs, and whether our policy met the goal. Numbers that do not exist (latency with nothing delivered,
/// overhead over zero deliveries) are null.
/// </summary>
public static class ComparisonJson
{
    private static readonly JsonSerializerOptions s_options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string Serialize(Comparison comparison) => JsonSerializer.Serialize(Shape(comparison), s_options);

    private static object Shape(Comparison c) => new
    {
        scenario = new
        {
            c.Scenario.Sensors,
            c.Scenario.Phones,
            c.Scenario.Hours,
            c.Scenario.Copies,
            c.Scenario.HopLimit,
            c.Scenario.SensorBufferBytes,
            c.Scenario.CarrierBufferBytes,
            c.Scenario.MessageIntervalSeconds,
            c.Scenario.MinMessageBytes,
            c.Scenario.MaxMessageBytes,
            c.Scenario.RecontactSeconds,
            ble = c.Scenario.Ble,
            wifi = c.Scenario.WiFi,
        },
        seeds = c.Seeds,
        policies = c.Summaries.Select(s => new
        {
            policy = s.Policy.Name(),
            s.Created,
            s.Delivered,
            deliveryRatio = Finite(s.DeliveryRatio),
            s.Relays,
            overhead = Finite(s.Overhead),
            latencyMeanMinutes = Finite(s.LatencyMeanMinutes),
            latencyMedianMinutes = Finite(s.LatencyMedianMinutes),
            meanBufferMinutes = Finite(s.MeanBufferMinutes),
            s.DropsPerSeed,
            s.MeanHeldKilobytes,
            runs = c.Runs.Where(r => r.Policy == s.Policy).Select(r => new
            {
                r.Seed,
                r.Created,
                r.Delivered,
                r.Relays,
                r.Drops,
                meanBufferMinutes = r.MeanBufferSeconds / 60,
                r.Sessions,
                r.CutSessions,
                r.BytesMoved,
            }),
        }),
        goal = c.Of(PolicyKind.Ours) is { } ours
            ? new
            {
                policy = ours.Policy.Name(),
                delivery = Comparison.GoalDelivery,
                overhead = Comparison.GoalOverhead,
                bufferMinutes = Comparison.GoalBufferMinutes,
                met = Comparison.MeetsGoal(ours),
            }
            : null,
    };

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
