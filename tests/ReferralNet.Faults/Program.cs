using System.Runtime.InteropServices;
using ReferralNet.Faults;

// Ctrl-C or SIGTERM cancels the run, and the services and brokers are still stopped on the way
// out. A second signal ends it at once; the watchdogs then stop whatever it started.
using var stop = new CancellationTokenSource();
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);

return await FaultsCommand.RunAsync(args, stop.Token);

void Interrupt(PosixSignalContext signal)
{
    if (stop.IsCancellationRequested)
        return;
    signal.Cancel = true;
    Console.Error.WriteLine($"{signal.Signal}: stopping the services and the brokers (again to quit at once)…");
    stop.Cancel();
}
