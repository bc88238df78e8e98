using ScottPlot;
using ThaliNano.Simulator.Results;

namespace ThaliNano.Simulator.Reports;

/// <summary>
/// The comparison as plots (ScottPlot 5), each as PNG and SVG: <c>delivery</c> (messages delivered so far, in percent
/// of the messages made so far, per policy) and <c>buffers</c> (bytes held in phones and sensors, per policy); every
/// curve is the mean over the seeds.
/// </summary>
public static class ComparisonPlots
{
    private const int Width = 900;
    private const int Height = 520;

    /// <summary>Writes the plots into <paramref name="directory"/> (made when missing); returns the files written.</summary>
    public static IReadOnlyList<string> Write(Comparison comparison, string directory)
    {
        Directory.CreateDirectory(directory);
        var files = new List<string>();
        files.AddRange(Save(Delivery(comparison), Path.Combine(directory, "delivery")));
        files.AddRange(Save(Buffers(comparison), Path.Combine(directory, "buffers")));
        return files;
    }

    private static Plot Delivery(Comparison comparison) =>
        Lines(comparison, "Delivered so far, % of messages made so far", "delivered (%)",
            samples => 100.0 * samples.Sum(s => s.Delivered) / Math.Max(1, samples.Sum(s => s.Created)));

    private static Plot Buffers(Comparison comparison) =>
        Lines(comparison, "Buffer occupancy: phones and sensors", "held (kB)",
            samples => samples.Average(s => s.PhoneBufferBytes + s.SensorBufferBytes) / 1000);

    /// <summary>One line per policy: <paramref name="value"/> of the seeds' samples at each sample time.</summary>
    private static Plot Lines(Comparison comparison, string title, string yLabel, Func<IReadOnlyList<Sample>, double> value)
    {
        var plot = new Plot();
        foreach (PolicyKind policy in comparison.Policies)
        {
            var runs = comparison.Runs.Where(r => r.Policy == policy).ToList();
            int points = runs.Min(r => r.Samples.Count);
            double[] hours = [.. Enumerable.Range(0, points).Select(i => runs[0].Samples[i].Time / 3600)];
            double[] ys = [.. Enumerable.Range(0, points).Select(i => value([.. runs.Select(r => r.Samples[i])]))];
            var line = plot.Add.Scatter(hours, ys);
            line.LegendText = policy.Name();
            line.MarkerSize = 0;
            line.LineWidth = policy == PolicyKind.Ours ? 3 : 1.5f;
        }

        plot.Title(title);
        plot.XLabel("hours");
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static string[] Save(Plot plot, string pathWithoutExtension)
    {
        string png = pathWithoutExtension + ".png";
        string svg = pathWithoutExtension + ".svg";
        plot.SavePng(png, Width, Height);
        plot.SaveSvg(svg, Width, Height);
        return [png, svg];
    }
}
