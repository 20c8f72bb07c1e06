using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using SearchEngine.Contracts.Mapping;
using SearchEngine.Contracts.V1;
using SearchEngine.Core.Import;

namespace SearchEngine.Cli.Indexing;

/// <summary><c>searchengine index PATH...</c>: reads article files and folders and sends their articles to the server in committed batches.</summary>
internal static class IndexCommand
{
    private const int DefaultBatchSize = 2000;

    public static Command Create(CliConsole console)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Article files (*.jsonl, *.jsonl.gz, *.txt) or folders to search for them",
            Arity = ArgumentArity.OneOrMore,
        };
        var server = ServerConnection.CreateServerOption();
        var timeZone = new Option<TimeZoneInfo?>("--time-zone")
        {
            Description = "IANA time zone of the local times on text pages' Updated:/Published: lines (default UTC)",
            HelpName = "TZ",
            CustomParser = ParseTimeZone,
        };
        var batchSize = new Option<int>("--batch-size")
        {
            Description = "Articles per committed batch",
            HelpName = "N",
            DefaultValueFactory = _ => DefaultBatchSize,
        };
        batchSize.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--batch-size must be at least 1");
            }
        });

        var acknowledgedLog = new Option<FileInfo?>("--acknowledged-log")
        {
            Description = "After each batch the server has committed, and before the next is sent, append the ids it "
                + "acknowledged to FILE, one per line: every id in FILE is durably indexed, even after a crash (a last line "
                + "without its line end, cut short by a kill, is dropped by the next run)",
            HelpName = "FILE",
        };

        var command = new Command("index", "Index articles from files and folders (an article whose id exists is replaced)")
        {
            paths,
            server,
            timeZone,
            batchSize,
            acknowledgedLog,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            console,
            parseResult.GetRequiredValue(paths),
            parseResult.GetRequiredValue(server),
            parseResult.GetValue(timeZone) ?? TimeZoneInfo.Utc,
            parseResult.GetValue(batchSize),
            parseResult.GetValue(acknowledgedLog),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, string[] paths, Uri server, TimeZoneInfo timeZone, int batchSize, FileInfo? acknowledgedLogFile, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var files = ExpandPaths(paths);
        var report = new ImportReport();
        var progress = new IndexProgress(console.Error, console.ErrorIsTerminal);
        // Opened before anything is sent, so that a bad path fails the command before the first batch.
        using var acknowledgedLog = acknowledgedLogFile is null ? null : AcknowledgedLog.Open(acknowledgedLogFile.FullName);
        using var channel = ServerConnection.OpenChannel(server);
        using var uploader = new BatchUploader(new IndexService.IndexServiceClient(channel), batchSize, report, acknowledgedLog, cancellationToken);
        try
        {
            for (var fileOrder = 0; fileOrder < files.Count; fileOrder++)
            {
                await SendFileAsync(files[fileOrder], fileOrder, timeZone, uploader, report, progress);
            }
            await uploader.CompleteBatchAsync();
        }
        catch (RpcException exception) when (!cancellationToken.IsCancellationRequested)
        {
            var committed = uploader.Committed > 0
                ? string.Create(CultureInfo.InvariantCulture, $"; {uploader.Committed:N0} articles were committed before the failure")
                : "";
            throw new CommandFailedException(ServerConnection.Describe(exception, server) + committed);
        }
        finally
        {
            progress.Clear();
        }
        report.WriteSummary(console.Output, uploader.Committed, files.Count, stopwatch.Elapsed);
        return report.HasProblems ? ExitCodes.SomeRejected : ExitCodes.Success;
    }

    private static IReadOnlyList<string> ExpandPaths(string[] paths)
    {
        try
        {
            return ArticleFiles.Expand(paths);
        }
        catch (Exception exception) when (exception is IOException or ArgumentException or UnauthorizedAccessException)
        {
            throw new CommandFailedException(exception.Message);
        }
    }

    /// <summary>Sends one file's articles; a file that cannot be read (to the end) is reported and skipped.</summary>
    private static async Task SendFileAsync(string file, int fileOrder, TimeZoneInfo timeZone, BatchUploader uploader, ImportReport report, IndexProgress progress)
    {
        // Records are read lazily, so a corrupt .gz can fail on any line: read step by step to catch it there.
        using var records = ArticleFiles.Read(file, timeZone).GetEnumerator();
        while (true)
        {
            ImportRecord record;
            try
            {
                if (!records.MoveNext())
                {
                    return;
                }
                record = records.Current;
            }
            catch (Exception exception) when (exception is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                report.RejectFile(file, exception is InvalidDataException ? $"corrupt compressed data ({exception.Message})" : exception.Message);
                return;
            }

            var location = new RecordLocation(fileOrder, record.File, record.Line);
            if (record.Article is null)
            {
                report.RejectRecord(location, record.Error ?? "unreadable record");
                continue;
            }
            await uploader.SendAsync(ArticleMapping.ToContract(record.Article), location);
            progress.Report(uploader.Sent);
        }
    }

    private static TimeZoneInfo? ParseTimeZone(ArgumentResult result)
    {
        var name = result.Tokens.Single().Value;
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(name);
        }
        catch (Exception exception) when (exception is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            result.AddError($"--time-zone \"{name}\" is not a known IANA time zone (e.g. UTC, Asia/Shanghai, America/New_York)");
            return null;
        }
    }
}
