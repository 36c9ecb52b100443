using System.Diagnostics;

namespace ReferralNet.Testing;

/// <summary>
/// Spans an in-memory exporter writes from its own thread while a test reads them: every access
/// is locked, and tests read a <see cref="TelemetryCollection{T}.Snapshot"/>.
/// </summary>
public sealed class SpanCollection : TelemetryCollection<Activity>;
