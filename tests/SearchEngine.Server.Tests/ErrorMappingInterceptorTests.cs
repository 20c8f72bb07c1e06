using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using SearchEngine.Core;
using SearchEngine.Server.Errors;

namespace SearchEngine.Server.Tests;

/// <summary>
/// The interceptor's mapping of what a handler throws: the unexpected becomes INTERNAL with only a
/// correlation id, which the log also has; a given-up call becomes DEADLINE_EXCEEDED or CANCELLED.
/// </summary>
public sealed class ErrorMappingInterceptorTests
{
    private const string SearchMethod = "/searchengine.v1.SearchService/Search";

    private readonly RecordingLogger logger = new();

    [Fact]
    public async Task AnUnexpectedFailureIsInternalWithACorrelationIdTheLogAlsoHasAndNothingOfTheException()
    {
        var interceptor = new ErrorMappingInterceptor(logger, TimeProvider.System);
        using var call = new CallContext(DateTime.MaxValue);

        var failure = await Assert.ThrowsAsync<RpcException>(() => interceptor.UnaryServerHandler<string, string>(
            "request", call, (_, _) => throw new InvalidOperationException("secret path /var/index/segments_7 is corrupt")));

        Assert.Equal(StatusCode.Internal, failure.StatusCode);
        var correlationId = Assert.Single(System.Text.RegularExpressions.Regex.Matches(failure.Status.Detail, "[0-9a-f]{32}")).Value;
        Assert.Equal($"internal error; correlation id {correlationId}", failure.Status.Detail);
        Assert.DoesNotContain("secret", failure.ToString(), StringComparison.Ordinal);
        Assert.Null(failure.Status.DebugException);
        var logged = Assert.Single(logger.Messages);
        Assert.Equal(LogLevel.Error, logged.Level);
        Assert.Contains(correlationId, logged.Text, StringComparison.Ordinal);
        Assert.Contains(SearchMethod, logged.Text, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(logged.Exception);
    }

    [Fact]
    public async Task AnInvalidRequestCarriesABadRequestFieldViolationAndIsNotLogged()
    {
        var interceptor = new ErrorMappingInterceptor(logger, TimeProvider.System);
        using var call = new CallContext(DateTime.MaxValue);

        var failure = await Assert.ThrowsAsync<RpcException>(() => interceptor.UnaryServerHandler<string, string>(
            "request", call, (_, _) => throw new InvalidRequestException("page_size", "page_size is 101; it must be between 0 and 100")));

        Assert.Equal(StatusCode.InvalidArgument, failure.StatusCode);
        var violation = Assert.Single(failure.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations);
        Assert.Equal("page_size", violation.Field);
        Assert.Equal("page_size is 101; it must be between 0 and 100", violation.Description);
        Assert.Empty(logger.Messages);
    }

    [Theory]
    [InlineData(true, StatusCode.DeadlineExceeded)]
    [InlineData(false, StatusCode.Cancelled)]
    public async Task ACancelledSearchIsDeadlineExceededOnceTheDeadlineHasPassedAndCancelledBefore(bool deadlinePassed, StatusCode expected)
    {
        var interceptor = new ErrorMappingInterceptor(logger, TimeProvider.System);
        using var call = new CallContext(deadlinePassed ? DateTime.UtcNow.AddSeconds(-1) : DateTime.MaxValue);
        call.Cancel();

        var failure = await Assert.ThrowsAsync<RpcException>(() => interceptor.UnaryServerHandler<string, string>(
            "request", call, (_, context) =>
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                return Task.FromResult("unreachable");
            }));

        Assert.Equal(expected, failure.StatusCode);
        Assert.Empty(logger.Messages);
    }

    /// <summary>The parts of a server call the interceptor reads: method, deadline and cancellation.</summary>
    private sealed class CallContext(DateTime deadline) : ServerCallContext, IDisposable
    {
        private readonly CancellationTokenSource cancellation = new();

        public void Cancel() => cancellation.Cancel();

        public void Dispose() => cancellation.Dispose();

        protected override string MethodCore => SearchMethod;

        protected override string HostCore => "localhost";

        protected override string PeerCore => "ipv4:127.0.0.1:5001";

        protected override DateTime DeadlineCore => deadline;

        protected override Metadata RequestHeadersCore { get; } = [];

        protected override CancellationToken CancellationTokenCore => cancellation.Token;

        protected override Metadata ResponseTrailersCore { get; } = [];

        protected override Grpc.Core.Status StatusCore { get; set; }

        protected override WriteOptions? WriteOptionsCore { get; set; }

        protected override AuthContext AuthContextCore { get; } = new(null, []);

        protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) =>
            throw new NotSupportedException("the interceptor does not propagate calls");

        protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
    }

    private sealed class RecordingLogger : ILogger<ErrorMappingInterceptor>
    {
        public List<(LogLevel Level, string Text, Exception? Exception)> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Add((logLevel, formatter(state, exception), exception));
    }
}
