return ThaliNano.Boards.Host.HostBoard.Run(args);
