using System.CommandLine;
using System.CommandLine.Parsing;
using Grpc.Core;
using Grpc.Net.Client;

namespace SearchEngine.Cli;

/// <summary>The --server option every command takes, the channel to that server and the wording of its errors.</summary>
public static class ServerConnection
{
    public const string DefaultAddress = "http://127.0.0.1:5000";

    // Without a bound, connecting to an address that drops packets would hang for minutes.
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    public static Option<Uri> CreateServerOption() => new("--server")
    {
        Description = "Address of the search server",
        HelpName = "URL",
        DefaultValueFactory = _ => new Uri(DefaultAddress),
        CustomParser = ParseAddress,
    };

    public static GrpcChannel OpenChannel(Uri address) => GrpcChannel.ForAddress(address, new GrpcChannelOptions
    {
        HttpHandler = new SocketsHttpHandler { ConnectTimeout = ConnectTimeout },
        DisposeHttpClient = true,
    });

    /// <summary>
    /// One line for a failed call: a connection failure names the server, a status from the
    /// server keeps its code and detail (e.g. "InvalidArgument: unbalanced quote").
    /// </summary>
    public static string Describe(RpcException exception, Uri address)
    {
        // A status made by the client itself carries the transport exception that caused it.
        if (exception.StatusCode == StatusCode.Unavailable && exception.Status.DebugException is { } cause)
        {
            return $"cannot reach the server at {address.OriginalString} ({InnermostMessage(cause)})";
        }
        if (exception.StatusCode == StatusCode.DeadlineExceeded && exception.Status.DebugException is not null)
        {
            return $"the server at {address.OriginalString} did not answer in time";
        }
        return $"{exception.StatusCode}: {exception.Status.Detail}";
    }

    private static Uri ParseAddress(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (Uri.TryCreate(text, UriKind.Absolute, out var address) && (address.Scheme == Uri.UriSchemeHttp || address.Scheme == Uri.UriSchemeHttps))
        {
            return address;
        }
        result.AddError($"--server \"{text}\" is not an http:// or https:// address (e.g. {DefaultAddress})");
        return null!; // Not used: the parse has failed.
    }

    private static string InnermostMessage(Exception exception)
    {
        while (exception.InnerException is { } inner)
        {
            exception = inner;
        }
        return exception.Message;
    }
}
