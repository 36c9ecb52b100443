using System.Diagnostics;

namespace ReferralNet.Messaging.Failpoints;

/// <summary>
/// Crash points for the fault suite (deploy/faults.sh): the process kills itself with SIGKILL, as a
/// power cut or an OOM kill would, the Nth time it passes a named point in the outbox or inbox
/// (<see cref="FailpointNames"/>). Inactive unless the environment variable
/// <c>ReferralNet__Failpoints</c> names points, e.g. <c>inbox-before-commit:3,outbox-before-send</c>
/// (a name alone means its first hit). Never set it in production.
/// </summary>
/// <remarks>
/// Read from the environment, not from the host's configuration, so that the inbox and the relay
/// need no extra dependency and an in-process test host is never armed by a test's settings: a crash
/// point only means something in a service that runs as its own process.
/// </remarks>
public static class Failpoint
{
    /// <summary>The environment variable that arms failpoints (the configuration key <c>ReferralNet:Failpoints</c> as a variable).</summary>
    public const string EnvironmentVariable = "ReferralNet__Failpoints";

    static readonly Lazy<FailpointSet> FromEnvironment = new(() => new FailpointSet(Environment.GetEnvironmentVariable(EnvironmentVariable), KillThisProcess));

    /// <summary>
    /// This process's failpoints. Read once; the first read throws <see cref="ArgumentException"/>
    /// for a malformed variable, so a service reads it at start-up.
    /// </summary>
    public static FailpointSet Current => FromEnvironment.Value;

    /// <summary>Counts a pass through <paramref name="name"/>; kills the process at its armed hit.</summary>
    public static void Hit(string name) => Current.Hit(name);

    static void KillThisProcess(string name)
    {
        // Not a log: the logger's queue would die with the process before writing it.
        Console.Error.WriteLine($"Failpoint {name} fired: killing process {Environment.ProcessId} with SIGKILL");
        Console.Error.Flush();
        Process.GetCurrentProcess().Kill(); // SIGKILL on Unix
    }
}
