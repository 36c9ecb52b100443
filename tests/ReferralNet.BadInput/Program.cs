using ReferralNet.BadInput;

return await BadInputCommand.RunAsync(args);
