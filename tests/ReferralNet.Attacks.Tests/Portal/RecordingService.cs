using System.Collections.Concurrent;
using System.Net;
using System.Text;
using ReferralNet.Testing;

namespace ReferralNet.Attacks.Tests.Portal;

/// <summary>
/// Stands in for a partner service behind the portal (not ReferralNet code: an HttpListener) and
/// remembers the raw request target of every call, so a test sees exactly which endpoint the
/// portal reached. Every call is answered 404 with a problem document.
/// </summary>
public sealed class RecordingService : IDisposable
{
    readonly HttpListener _listener = new();
    readonly Task _serving;

    public RecordingService()
    {
        Url = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    /// <summary>The request targets as they arrived (path and query, still escaped).</summary>
    public ConcurrentQueue<string> Targets { get; } = new();

    async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            var target = context.Request.RawUrl ?? "";
            Targets.Enqueue(target);
            context.Response.StatusCode = 404;
            context.Response.ContentType = "application/problem+json";
            var bytes = Encoding.UTF8.GetBytes("""{"title":"Not Found","status":404,"detail":"no such record"}""");
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try { _serving.Wait(TimeSpan.FromSeconds(5)); }
        catch (AggregateException) { }
    }
}
