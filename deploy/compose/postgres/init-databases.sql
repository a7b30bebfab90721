-- A database per service (auth, users, chat, batch, store, social), as each service's DATABASE_URL names them.
-- The official image runs this once, when it initialises an empty data folder.
create database auth;
create database users;
create database chat;
create database batch;
create database store;
create database social;
