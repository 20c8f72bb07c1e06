using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace SearchEngine.Bench;

/// <summary>What a finished process cost: wall time from start to exit, CPU seconds and peak RSS.</summary>
internal sealed record ProcessResult(int ExitCode, string Output, string Error, double WallSeconds, double CpuSeconds, double PeakRssMib, string LoadAtStart);

/// <summary>
/// Runs a command to its end under GNU time, which reads the child's user + system CPU and
/// peak RSS (ru_maxrss, the same figure as VmHWM) from wait4 when it exits: exact, not sampled.
/// </summary>
internal static class TimedProcess
{
    public static async Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var timeFile = Path.GetTempFileName();
        try
        {
            var start = new ProcessStartInfo("/usr/bin/time")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "-f", "%U %S %M", "-o", timeFile, fileName }.Concat(arguments))
            {
                start.ArgumentList.Add(argument);
            }
            foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            {
                start.Environment[key] = value;
            }
            var load = Machine.LoadAverage();
            var stopwatch = Stopwatch.StartNew();
            using var process = Process.Start(start) ?? throw new BenchException($"cannot start {fileName}");
            var output = new StringBuilder();
            var error = new StringBuilder();
            process.OutputDataReceived += (_, line) => Append(output, line.Data);
            process.ErrorDataReceived += (_, line) => Append(error, line.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await process.WaitForExitAsync();
            var wall = stopwatch.Elapsed.TotalSeconds;
            // The last line holds the figures; GNU time writes "Command exited with non-zero status N" before it.
            var figures = (await File.ReadAllLinesAsync(timeFile)).Last(line => line.Length > 0).Split(' ');
            return new ProcessResult(
                process.ExitCode,
                output.ToString(),
                error.ToString(),
                wall,
                double.Parse(figures[0], CultureInfo.InvariantCulture) + double.Parse(figures[1], CultureInfo.InvariantCulture),
                long.Parse(figures[2], CultureInfo.InvariantCulture) / 1024.0,
                load);
        }
        finally
        {
            File.Delete(timeFile);
        }
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (text)
        {
            text.AppendLine(line);
        }
    }
}
