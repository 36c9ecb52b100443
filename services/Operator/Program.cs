using ReferralNet.Operator;

return await OperatorCli.RunAsync(args, Console.Out, Console.Error, Environment.GetEnvironmentVariable);
