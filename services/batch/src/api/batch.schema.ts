import {
  BearerAuth,
  ClientErrors,
  ExecutionDetail,
  ExecutionPage,
  ExecutionsQuery,
  IdParams,
  JobList,
  JobParams,
  JobSummary,
  LogPage,
  LogsQuery,
  RunJobBody,
} from '@chat/contracts';

const admin = { tags: ['batch', 'admin'], security: BearerAuth };

export const listJobsSchema = {
  ...admin,
  summary: 'Jobs with their schedule, next fire time and last run (ROLE_ADMIN)',
  response: { 200: JobList, ...ClientErrors },
};

export const runJobSchema = {
  ...admin,
  summary: 'Run a job now with parameters (ROLE_ADMIN); 409 while a run of it is active',
  params: JobParams,
  body: RunJobBody,
  response: { 202: ExecutionDetail, ...ClientErrors },
};

export const pauseJobSchema = {
  ...admin,
  summary: 'Pause a job schedule: its fires are not run until resumed (ROLE_ADMIN)',
  params: JobParams,
  response: { 200: JobSummary, ...ClientErrors },
};

export const resumeJobSchema = {
  ...admin,
  summary: 'Resume a job schedule; fires during the pause are not made up (ROLE_ADMIN)',
  params: JobParams,
  response: { 200: JobSummary, ...ClientErrors },
};

export const listExecutionsSchema = {
  ...admin,
  summary: 'Runs, newest first, by job, status and creation time (ROLE_ADMIN)',
  querystring: ExecutionsQuery,
  response: { 200: ExecutionPage, ...ClientErrors },
};

export const executionSchema = {
  ...admin,
  summary: 'One run with the progress of each step (ROLE_ADMIN)',
  params: IdParams,
  response: { 200: ExecutionDetail, ...ClientErrors },
};

export const executionLogsSchema = {
  ...admin,
  summary: 'The log lines of a run, oldest first (ROLE_ADMIN)',
  params: IdParams,
  querystring: LogsQuery,
  response: { 200: LogPage, ...ClientErrors },
};
